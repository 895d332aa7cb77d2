/** Reaching into a parsed copy of the bundle, for tests that lint one mistake at a time. */

/** A loose view of a JSON document: mutations reach into it by key. */
// biome-ignore lint/suspicious/noExplicitAny: test mutations poke at arbitrary JSON.
export type Json = Record<string, any>;

/** The object at a path of keys; a missing step is a broken test, so it throws. */
export function at(doc: Json, ...keys: string[]): Json {
  return keys.reduce<Json>((node, key) => {
    const next = node[key];
    if (!next || typeof next !== 'object') throw new Error(`No ${keys.join('.')} in the bundle`);
    return next as Json;
  }, doc);
}
