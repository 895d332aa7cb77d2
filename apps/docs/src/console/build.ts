/**
 * The console beside the reference: `site/console/` with its page and script
 * (`page/`), Scalar's ES-module browser build as local files (`scalar/`: an
 * entry and the chunks it imports when it needs them, so a visit fetches only
 * what it uses), the Freddy colours read from the reference's template
 * (`theme.css`), and the console's copy of the docs document. Its config.json
 * is empty: only the reference server hands out a full one (with its demo
 * key), to pages of its own origin.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appDir, siteDir } from '../paths.js';
import type { DocsDocument } from '../samples/index.js';
import { consoleDocument } from './document.js';
import { CONSOLE_DIR } from './links.js';
import { consoleTheme } from './theme.js';

export const consoleDir = join(siteDir, CONSOLE_DIR);
const pageDir = fileURLToPath(new URL('./page/', import.meta.url));
const templatePath = fileURLToPath(new URL('../template.hbs', import.meta.url));
/** The files of the console page copied as they are (index.html gets Scalar's preloads). */
const PAGE_FILES = ['console.js', 'aria-repairs.js'] as const;
/** Scalar's ES-module browser build (`@scalar/api-reference`), its entry importing `chunks/*.js` as needed. */
const scalarBrowserDir = join(appDir, 'node_modules/@scalar/api-reference/dist/browser');
const SCALAR_DIR = 'scalar';
export const SCALAR_ENTRY = `${SCALAR_DIR}/standalone.esm.js`;

/** A script of Scalar's, without its source-map comment (the maps are not shipped). */
function withoutSourceMap(script: string): string {
  return script.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/** Scalar's entry and every chunk it may import, as `[path in the console folder, script]`. */
function scalarScripts(): [string, string][] {
  const chunks = readdirSync(join(scalarBrowserDir, 'chunks')).filter((file) => file.endsWith('.js'));
  const sources: [string, string][] = [
    [SCALAR_ENTRY, 'standalone.esm.js'],
    ...chunks.map((chunk): [string, string] => [`${SCALAR_DIR}/chunks/${chunk}`, `chunks/${chunk}`]),
  ];
  return sources.map(([target, source]) => [
    target,
    withoutSourceMap(readFileSync(join(scalarBrowserDir, source), 'utf8')),
  ]);
}

/** Where index.html takes the module preloads the build writes. */
const PRELOADS_PLACEHOLDER = '<!-- scalar preloads -->';

/**
 * Module preloads for index.html: the chunks Scalar's entry imports
 * statically (else the browser finds them only once the 750 kB entry has
 * arrived and been parsed), and the API client's chunk, which the entry
 * imports only when the client opens: fetched and compiled while the
 * reference renders rather than after (a deep link opens the client at
 * once). The build fails if Scalar renames the client's chunk.
 */
export function scalarPreloads(entry: string): string {
  const client = /import\(`\.\/(chunks\/modal-[\w-]+\.js)`\)/.exec(entry)?.[1];
  if (!client) throw new Error("Expected Scalar's entry to import its API client from chunks/modal-*.js");
  const imported = [...entry.matchAll(/(?:from|import)"\.\/(chunks\/[\w.-]+\.js)"/g)].map((match) => match[1]!);
  return [...new Set([...imported, client])]
    .map((chunk) => `<link rel="modulepreload" href="${SCALAR_DIR}/${chunk}" />`)
    .join('\n  ');
}

export function buildConsole(doc: DocsDocument, dir: string = consoleDir): void {
  mkdirSync(join(dir, SCALAR_DIR, 'chunks'), { recursive: true });
  for (const file of PAGE_FILES) copyFileSync(join(pageDir, file), join(dir, file));
  const scripts = scalarScripts();
  for (const [path, script] of scripts) writeFileSync(join(dir, path), script);
  const page = readFileSync(join(pageDir, 'index.html'), 'utf8');
  if (!page.includes(PRELOADS_PLACEHOLDER)) throw new Error(`Expected ${PRELOADS_PLACEHOLDER} in the console page`);
  writeFileSync(join(dir, 'index.html'), page.replace(PRELOADS_PLACEHOLDER, scalarPreloads(scripts[0]![1])));
  writeFileSync(join(dir, 'theme.css'), consoleTheme(readFileSync(templatePath, 'utf8')));
  writeFileSync(join(dir, 'openapi.json'), `${JSON.stringify(consoleDocument(doc))}\n`);
  writeFileSync(join(dir, 'config.json'), '{}\n');
}

/** Every file of the built console, relative to its folder. */
export function consoleFiles(dir: string = consoleDir): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}
