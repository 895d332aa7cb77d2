/**
 * The console beside the reference: `site/console/` with its page (`page/`),
 * Scalar's API client bundled with the page's start (`page/console.ts`) by
 * esbuild into `client/` (an entry and the chunks it imports when it needs
 * them, so a visit fetches only what it uses), the Freddy colours read from
 * the reference's template (`theme.css`), and the console's copy of the docs
 * document (`openapi.json`) with the workspace Scalar's store makes of it
 * (`workspace.json`, which the page loads: ./workspace.ts). Its config.json
 * is empty: only the reference server hands out a full one (with its demo
 * key), to pages of its own origin.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { appDir, siteDir } from '../paths.js';
import type { DocsDocument } from '../samples/index.js';
import { type CachedBuildOptions, cachedBuildSync } from './bundle-cache.js';
import { BACK_TEXT, consoleDocument } from './document.js';
import { CONSOLE_DIR } from './links.js';
import { consoleTheme } from './theme.js';
import { trimAliases, untrimmed } from './trims.js';
import { consoleWorkspace } from './workspace.js';

export const consoleDir = join(siteDir, CONSOLE_DIR);
const pageDir = fileURLToPath(new URL('./page/', import.meta.url));
const templatePath = fileURLToPath(new URL('../template.hbs', import.meta.url));
/** The files of the console page copied as they are (index.html gets the client's preloads). */
const PAGE_FILES = ['aria-repairs.js'] as const;
const CLIENT_DIR = 'client';
/** The bundle's entry, which index.html loads, and its styles. */
export const CLIENT_ENTRY = `${CLIENT_DIR}/console.js`;
export const CLIENT_STYLES = `${CLIENT_DIR}/console.css`;
const clientStyles = createRequire(import.meta.url).resolve('@scalar/api-client/style.css');
/** Where bundles are kept by their inputs (./bundle-cache.ts), and the lockfile that says what each package is. */
const bundleCacheDir = join(appDir, 'node_modules/.cache/freddy-docs/console-client');
const lockfile = join(appDir, '../../pnpm-lock.yaml');

/**
 * Bundles `page/console.ts` with Scalar's API client, and the client's
 * styles, into `<dir>/client/`: minified, split into chunks that load when
 * imported, no source maps. Vue's compile-time flags are set as its
 * production build expects. Paths are relative to this app, so the output
 * is the same from any checkout; a bundle made before from the same inputs
 * is copied from the cache instead.
 */
function bundleClient(dir: string): Metafile {
  const outdir = join(dir, CLIENT_DIR);
  const options: CachedBuildOptions = {
    absWorkingDir: appDir,
    entryPoints: [
      { in: join(pageDir, 'console.ts'), out: 'console' },
      { in: clientStyles, out: 'console' },
    ],
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: 'es2022',
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    // What the page never runs before Send is usable stays out of its first load (./trims.ts).
    alias: trimAliases(),
    loader: { '.woff2': 'file', '.woff': 'file', '.svg': 'file' },
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'true',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    sourcemap: false,
    logLevel: 'warning',
  };
  const { metafile } = cachedBuildSync({ options, cacheDir: bundleCacheDir, keyFiles: [lockfile] });
  const kept = untrimmed(metafile, entryOutput(metafile, dir)[0]);
  if (kept.length > 0)
    throw new Error(`Expected the console's first load to leave out ${kept.join(', ')} (./trims.ts)`);
  return metafile;
}

/** The bundle's entry among esbuild's outputs (keyed by paths relative to this app), or an error if it has none. */
function entryOutput(metafile: Metafile, dir: string): [path: string, output: Metafile['outputs'][string]] {
  const entry = Object.entries(metafile.outputs).find(([path]) => relative(dir, join(appDir, path)) === CLIENT_ENTRY);
  if (!entry) throw new Error(`Expected the console's bundle to have its entry at ${CLIENT_ENTRY}`);
  return entry;
}

/** Where index.html takes the module preloads the build writes. */
const PRELOADS_PLACEHOLDER = '<!-- client preloads -->';
/** Where index.html takes the text of its link back to the reference. */
const BACK_TEXT_PLACEHOLDER = '{{BACK_TEXT}}';

/**
 * Module preloads for index.html: the chunks the entry imports statically
 * (else the browser finds them only once the entry has arrived and been
 * parsed), paths relative to the console folder. The build fails if the
 * bundle has no entry at `client/console.js`.
 */
export function clientPreloads(metafile: Metafile, dir: string = consoleDir): string {
  return entryOutput(metafile, dir)[1]
    .imports.filter((imported) => imported.kind === 'import-statement' && !imported.external)
    .map((imported) => `<link rel="modulepreload" href="${relative(dir, join(appDir, imported.path))}" />`)
    .join('\n  ');
}

/** A placeholder of the page filled, or an error if the page lost it. */
function fill(page: string, placeholder: string, value: string): string {
  if (!page.includes(placeholder)) throw new Error(`Expected ${placeholder} in the console page`);
  return page.replace(placeholder, value);
}

export function buildConsole(doc: DocsDocument, dir: string = consoleDir): void {
  mkdirSync(dir, { recursive: true });
  for (const file of PAGE_FILES) copyFileSync(join(pageDir, file), join(dir, file));
  const metafile = bundleClient(dir);
  let page = readFileSync(join(pageDir, 'index.html'), 'utf8');
  page = fill(page, PRELOADS_PLACEHOLDER, clientPreloads(metafile, dir));
  page = fill(page, BACK_TEXT_PLACEHOLDER, `← ${BACK_TEXT}`);
  writeFileSync(join(dir, 'index.html'), page);
  writeFileSync(join(dir, 'theme.css'), consoleTheme(readFileSync(templatePath, 'utf8')));
  const document = consoleDocument(doc);
  writeFileSync(join(dir, 'openapi.json'), `${JSON.stringify(document)}\n`);
  writeFileSync(join(dir, 'workspace.json'), `${consoleWorkspace(document)}\n`);
  writeFileSync(join(dir, 'config.json'), '{}\n');
}

/** Every file of the built console, relative to its folder. */
export function consoleFiles(dir: string = consoleDir): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}
