/**
 * What a reader sees of the contract's text, found in the bundle: every
 * `description` and `summary`, with where it stands, and the check that its
 * running text reads as sentences (no line break inside a paragraph).
 */

export interface Text {
  /** A JSON pointer to the field, e.g. `#/paths/~1threads/get/description`. */
  pointer: string;
  field: 'description' | 'summary';
  text: string;
}

const pointerKey = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** Every `description` and `summary` string of a document, at any depth. */
export function readerTexts(node: unknown, pointer = '#'): Text[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => readerTexts(item, `${pointer}/${index}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]): Text[] => {
    const here = `${pointer}/${pointerKey(key)}`;
    if ((key === 'description' || key === 'summary') && typeof value === 'string') {
      return [{ pointer: here, field: key, text: value }];
    }
    return readerTexts(value, here);
  });
}

const TABLE_ROW = /^\|/;
const LIST_ITEM = /^(?:[-*+]|\d+[.)]) /;
const FENCE = /^(?:```|~~~)/;

/**
 * The line breaks a reader would see inside running text: each line of a
 * paragraph that the next line continues. Markdown blocks whose lines must
 * stay apart are allowed: a table's rows, a list's items, a fenced code
 * block. A paragraph is one line; paragraphs are apart by a blank line.
 */
export function breaksInsideSentences(text: string): string[] {
  const lines = text.split('\n');
  const breaks: string[] = [];
  let fenced = false;
  for (const [index, line] of lines.entries()) {
    if (FENCE.test(line)) {
      fenced = !fenced;
      continue;
    }
    const next = lines[index + 1];
    if (fenced || next === undefined || line.trim() === '' || next.trim() === '' || FENCE.test(next)) continue;
    const bothRows = TABLE_ROW.test(line) && TABLE_ROW.test(next);
    const bothItems = LIST_ITEM.test(line) && LIST_ITEM.test(next);
    if (!bothRows && !bothItems) breaks.push(line);
  }
  return breaks;
}

/** Markdown a plain-text field would show as is: code spans, emphasis, links, headings. */
const MARKDOWN = /`|\*\*?\S|(?:^|\s)_\S|\[[^\]]*\]\(|^#/m;

/** Whether a text that is shown as plain text (a server's description) holds Markdown. */
export function hasMarkdown(text: string): boolean {
  return MARKDOWN.test(text);
}
