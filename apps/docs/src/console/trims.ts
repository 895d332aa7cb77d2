/**
 * What the console's bundle leaves out of the page's first load: two modules
 * Scalar's API client imports but never runs before Send is usable, about a
 * million bytes of its 3.7 MB the browser would otherwise compile first.
 * Each is replaced, through esbuild's `alias` (every importer of the package,
 * there is one of each), by a small module of `trims/` that keeps what its
 * importer uses:
 *
 * - `@scalar/types/entities`: Scalar's OAuth2 form imports only the list
 *   `pkceOptions`; the module also builds zod schemas (zod is 456 kB), which
 *   nothing in the client uses. `trims/pkce-options.js` is the list.
 * - `@scalar/code-highlight`: Scalar's Markdown component renders a
 *   description with `htmlFromMarkdown` (a server's in its dropdown, a
 *   parameter's in its tooltip, none before Send). `trims/markdown-on-demand.js`
 *   imports the real renderer, `@scalar/code-highlight/markdown` (aliased to
 *   the real file), on its first call; esbuild puts it in a chunk of its own.
 *
 * Loud if either changes shape: an importer asking for a name the
 * replacement lacks fails the bundle (esbuild: "No matching export"), an
 * import of another subpath does not resolve, and `trimAliases` fails unless
 * the real modules still have what the replacements stand for.
 */
import { deepStrictEqual } from 'node:assert';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { appDir } from '../paths.js';

const trimsDir = fileURLToPath(new URL('./trims/', import.meta.url));
/** Resolves as Scalar's API client does, where its own dependencies are. */
const clientRequire = createRequire(createRequire(`${appDir}/`).resolve('@scalar/api-client/modal'));
const componentsRequire = createRequire(clientRequire.resolve('@scalar/components'));

/** Packages the page's first load must not hold: the build fails if one comes back. */
export const TRIMMED_PACKAGES = ['zod', '@scalar/code-highlight'] as const;

/** The names `trims/markdown-on-demand.js` passes on from the real renderer. */
const MARKDOWN_NAMES = ['htmlFromMarkdown', 'isHeading', 'textFromNode'] as const;

/** esbuild's `alias` for the console's bundle, once the real modules are checked. */
export function trimAliases(): Record<string, string> {
  const entities = clientRequire(clientRequire.resolve('@scalar/types/entities')) as { pkceOptions?: unknown };
  try {
    deepStrictEqual(entities.pkceOptions, ['SHA-256', 'plain', 'no']);
  } catch {
    throw new Error(
      `Expected @scalar/types/entities' pkceOptions to be trims/pkce-options.js's list, got ${JSON.stringify(entities.pkceOptions)}`,
    );
  }
  const markdownPath = componentsRequire.resolve('@scalar/code-highlight/markdown');
  const markdown = componentsRequire(markdownPath) as Record<string, unknown>;
  const missing = MARKDOWN_NAMES.filter((name) => typeof markdown[name] !== 'function');
  if (missing.length > 0)
    throw new Error(
      `Expected @scalar/code-highlight/markdown to export ${missing.join(', ')}; check trims/markdown-on-demand.js`,
    );
  return {
    '@scalar/types/entities': `${trimsDir}pkce-options.js`,
    '@scalar/code-highlight': `${trimsDir}markdown-on-demand.js`,
    // The longer alias wins: the real renderer, for markdown-on-demand.js's import.
    '@scalar/code-highlight/markdown': markdownPath,
  };
}

/**
 * The inputs of the entry and of every chunk it imports statically (what the
 * page compiles before it starts) that belong to a trimmed package; the build
 * fails unless there are none.
 */
export function untrimmed(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  const inPackage = (input: string) => TRIMMED_PACKAGES.some((name) => input.includes(`node_modules/${name}/`));
  return [...seen].flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {}).filter(inPackage));
}
