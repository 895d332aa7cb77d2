/**
 * Small pieces of Markdown: inline code that survives any backtick, a
 * description folded onto one line, its first sentence, a fenced block.
 */

/** Inline code for any text, with a fence longer than any run of backticks inside it. */
export function code(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A description on one line: its paragraphs joined, runs of white space made one space. */
export function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The first sentence of a description's first paragraph, for a one-line
 * note in an index: up to the first full stop that ends a sentence (followed
 * by a space and a capital, a backtick or the end), never inside `code`.
 */
export function firstSentence(text: string | undefined): string {
  const line = oneLine((text ?? '').trim().split(/\n\s*\n/)[0]);
  let inCode = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (char === '`') inCode = !inCode;
    if (inCode || !(char === '.' || char === '!' || char === '?')) continue;
    const next = line.slice(i + 1, i + 3);
    if (next === '' || /^ [A-Z`*(]/.test(next)) return line.slice(0, i + 1);
  }
  return line;
}

/** A fenced code block whose fence no line of the source can close. */
export function fenced(lang: string, source: string): string {
  const longest = Math.max(2, ...(source.match(/^`{3,}/gm) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${source.replace(/\n$/, '')}\n${fence}`;
}
