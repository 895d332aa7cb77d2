/**
 * Every operation in the sidebar at first sight. Redoc 3 opens a tag's
 * group only when the route is in it, and build-docs has no option to open
 * one; a sidebar item does honour `expanded: "true"` (what a Redocly
 * sidebars file sets, and still collapsible by a click). Redoc builds the
 * tag groups in two places: in build-docs' server renderer (the page's
 * markup, shown as soon as the HTML is parsed) and in the inlined browser
 * bundle (which hydrates that markup). The build adds the flag where each
 * makes a tag's group item (`scripts/prerender-hooks.mjs` for the server
 * renderer, as Node loads it), and fails if it cannot find the place, so a
 * Redoc upgrade cannot quietly fold the sidebar again.
 */
const TAG_GROUP_ITEM =
  /(\.push\(\{type:([`"])group\2,label:\w+,link:\w+,routeSlug:\w+,items:\w+,)(\.\.\.\w+\(\w+\),content:\w+\.processContent\?\w+\(\{tag:)/g;

/** Whether this code builds Redoc's tag groups (the server renderer's chunk, or the browser bundle). */
export function buildsTagGroups(code: string): boolean {
  return new RegExp(TAG_GROUP_ITEM.source).test(code);
}

export function expandTagGroups(code: string): string {
  const found = code.match(TAG_GROUP_ITEM)?.length ?? 0;
  if (found !== 1)
    throw new Error(
      `Expected the Redoc bundle to build tag groups in one place, found ${found}; check the Redoc version`,
    );
  return code.replace(TAG_GROUP_ITEM, '$1expanded:$2true$2,$3');
}

/** Where build-docs puts the server-rendered page: the markup between these two. */
const RENDERED_START = '<div id="redoc">';
const RENDERED_END = '<script type="module">';

/**
 * The server-rendered links in the form the browser's router gives them.
 * build-docs renders the page's links as paths (`/threads/pinthread`), the
 * browser bundle routes by hash (`#/threads/pinthread`), so a link followed
 * before the bundle has run would leave the page (under /docs/, for a 404)
 * and the hydrated markup would not match the served one. `//host` links
 * and absolute URLs are left as they are.
 */
export function hashRoutedLinks(html: string): string {
  const start = html.indexOf(RENDERED_START);
  const end = html.indexOf(RENDERED_END, start);
  if (start < 0 || end < 0)
    throw new Error('Expected build-docs to render the page into <div id="redoc">; check the Redoc version');
  const rendered = html.slice(start, end).replace(/\shref="\/(?!\/)/g, ' href="#/');
  return `${html.slice(0, start)}${rendered}${html.slice(end)}`;
}

/** The server-rendered markup (what shows before the browser bundle runs). */
export function renderedMarkup(html: string): string {
  const start = html.indexOf(RENDERED_START);
  return html.slice(start, html.indexOf(RENDERED_END, start));
}
