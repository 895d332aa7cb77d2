/**
 * Every operation in the sidebar at first sight. Redoc 3 opens a tag's
 * group only when the route is in it, and build-docs has no option to open
 * one; a sidebar item does honour `expanded: "true"` (what a Redocly
 * sidebars file sets, and still collapsible by a click). The inlined Redoc
 * bundle builds the tag groups in the browser, so the build adds that flag
 * where the bundle makes a tag's group item, and fails if it cannot find the
 * place, so a Redoc upgrade cannot quietly fold the sidebar again. (The
 * server-rendered markup still has the group folded; Redoc re-renders it
 * when it hydrates, and itself silences the hydration mismatch.)
 */
const TAG_GROUP_ITEM =
  /(\.push\(\{type:`group`,label:\w+,link:\w+,routeSlug:\w+,items:\w+,)(\.\.\.\w+\(\w+\),content:\w+\.processContent\?\w+\(\{tag:)/g;

export function expandTagGroups(html: string): string {
  const found = html.match(TAG_GROUP_ITEM)?.length ?? 0;
  if (found !== 1)
    throw new Error(
      `Expected the Redoc bundle to build tag groups in one place, found ${found}; check the Redoc version`,
    );
  return html.replace(TAG_GROUP_ITEM, '$1expanded:`true`,$2');
}
