/**
 * `@scalar/code-highlight` in the console's bundle (see ../trims.ts): Scalar's
 * Markdown component renders a description (a server's in its dropdown, a
 * parameter's in its tooltip) with `htmlFromMarkdown`, called in a Vue
 * `computed`. Here the markdown renderer and its highlighter (about 600 kB)
 * load after the first call instead of with the page: that call answers ''
 * and asks for the import once the page is idle (the client renders a
 * description on opening, in a tooltip not yet shown); the import's arrival
 * sets a reactive value the call read, so Vue renders the description
 * again, now as HTML.
 */
import { shallowRef } from 'vue';

const loaded = shallowRef(undefined);
let requested = false;

export function htmlFromMarkdown(markdown, options) {
  const markdownModule = loaded.value;
  if (markdownModule) return markdownModule.htmlFromMarkdown(markdown, options);
  if (!requested) {
    requested = true;
    // Once the page is idle: the first render (a hidden tooltip's description) is not kept waiting.
    const load = () =>
      import('@scalar/code-highlight/markdown').then((module) => {
        loaded.value = module;
      });
    if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
    else setTimeout(load, 0);
  }
  return '';
}

/** Only called by htmlFromMarkdown's transforms, so once the module is loaded. */
export function isHeading(node) {
  return loaded.value.isHeading(node);
}

export function textFromNode(node) {
  return loaded.value.textFromNode(node);
}
