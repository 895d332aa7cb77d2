/**
 * The contract's descriptions as an agent should read them: YAML's folded
 * lines joined, and the notes that only say where a statement comes from
 * taken out. The contract's house style marks every source in parentheses
 * ("(Vendor page *List threads*.)", "(house bound)", "(House choice: …)"),
 * which serves its reviewers; a model calling the API pays for each byte of
 * it in its context and learns nothing from it.
 */

// A clause of a parenthetical that is a citation and nothing else.
const CITATIONS = [
  /^vendor pages?(?: \*[^*]+\*)?$/i,
  /^(?:the )?\*[^*]+\*(?: page)?(?:, verbatim)?$/i,
  /^\*[^*]+\*: ".*"$/,
  /^".*", \*[^*]+\*$/,
  /^house (?:choice|bound|limit|example)(?:[,.].*)?$/i,
  /^`maxLength` is the longest value$/,
  /^it is marked .* by the vendor$/,
  /^the .* (?:is a house choice|are house choices)\b.*$/i,
  /^the .* is from \*[^*]+\*$/i,
];
// "House choice: pinning a pinned thread is a no-op": the label goes, what it labels stays.
const LABEL = /^house choice: /i;

/** A description as prose: lines of a paragraph joined, paragraphs kept, citations dropped. */
export function prose(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => withoutCitations(paragraph.replace(/\s*\n\s*/g, ' ')))
    .filter(Boolean)
    .join('\n\n');
}

function withoutCitations(paragraph: string): string {
  return paragraph
    .replace(/\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g, (whole, inside: string) => {
      // A parenthetical that was a sentence of its own stays one.
      const sentence = inside.endsWith('.');
      const clauses = inside
        .replace(/\.$/, '')
        .split(/(?<=[.;])\s+/)
        .map((clause) => clause.replace(/[.;]$/, '').trim());
      if (!clauses.some(isCitation)) return whole;
      const kept = clauses.filter((clause) => !isCitation(clause)).map((clause) => clause.replace(LABEL, ''));
      if (!kept.length) return '';
      const text = kept.join('; ');
      return sentence ? ` (${text[0]!.toUpperCase()}${text.slice(1)}.)` : ` (${text})`;
    })
    .replace(/\s+([.,;])/g, '$1')
    .replace(/\.\./g, '.')
    .trim();
}

function isCitation(clause: string): boolean {
  return !LABEL.test(clause) && CITATIONS.some((pattern) => pattern.test(clause));
}

/**
 * A description's first sentence: what the value is. In this contract what follows it restates the
 * value's bounds in words ("At most 128 characters."), which the schema's keywords beside it state.
 */
export function firstSentence(text: string): string {
  return prose(text).split(/(?<=[.!?])\s+(?=[A-Z`])/)[0]!;
}
