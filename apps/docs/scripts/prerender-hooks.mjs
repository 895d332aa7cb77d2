// Node module hooks for the build's `redocly build-docs` run (src/build.ts):
// as Node loads build-docs' server renderer, the tag groups it builds get
// `expanded: "true"`, as the browser bundle's do (src/expand-sidebar.ts), so
// the page's server-rendered sidebar already lists every operation. Nothing
// on disk is changed; the build checks the rendered sidebar afterwards.
import { buildsTagGroups, expandTagGroups } from '../src/expand-sidebar.ts';

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!url.includes('/@redocly/cli/') || loaded.source == null) return loaded;
  const source = String(loaded.source);
  return buildsTagGroups(source) ? { ...loaded, source: expandTagGroups(source) } : loaded;
}
