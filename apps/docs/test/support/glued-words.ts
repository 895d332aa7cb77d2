/**
 * Words run together where a space was lost ("visibilitysettings" from
 * "visibility\nsettings"): a word of an indexed text that no text of the
 * document has, made of two words that it does have.
 */

/** Lower-case words: runs of letters and digits. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Every word of every string in a JSON value, keys included. */
export function vocabulary(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const word of words(value)) into.add(word);
  else if (Array.isArray(value)) for (const item of value) vocabulary(item, into);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      vocabulary(key, into);
      vocabulary(item, into);
    }
  return into;
}

/** The glued words of a text, each as `first+second`. */
export function gluedWords(text: string, known: ReadonlySet<string>): string[] {
  const glued = new Set<string>();
  for (const word of words(text)) {
    if (known.has(word)) continue;
    for (let cut = 1; cut < word.length; cut++)
      if (known.has(word.slice(0, cut)) && known.has(word.slice(cut))) {
        glued.add(`${word.slice(0, cut)}+${word.slice(cut)}`);
        break;
      }
  }
  return [...glued];
}
