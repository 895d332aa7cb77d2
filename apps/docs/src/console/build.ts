/**
 * The console beside the reference: `site/console/` with its page and script
 * (`page/`), Scalar's standalone bundle as a local file, and the console's
 * copy of the docs document. Its config.json is empty: only the reference
 * server hands out a full one (with its demo key), to pages of its own origin.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appDir, siteDir } from '../paths.js';
import type { DocsDocument } from '../samples/index.js';
import { consoleDocument } from './document.js';
import { CONSOLE_DIR } from './links.js';

export const consoleDir = join(siteDir, CONSOLE_DIR);
const pageDir = fileURLToPath(new URL('./page/', import.meta.url));
/** The files of the console page, copied as they are. */
const PAGE_FILES = ['index.html', 'console.js', 'aria-repairs.js'] as const;
/** The files of the built console, beside its page. */
export const CONSOLE_FILES = [...PAGE_FILES, 'scalar.js', 'openapi.json', 'config.json'] as const;

/** Scalar's standalone browser bundle, without its source-map comment (the map is not shipped). */
function scalarBundle(): string {
  const bundle = readFileSync(join(appDir, 'node_modules/@scalar/api-reference/dist/browser/standalone.js'), 'utf8');
  return bundle.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

export function buildConsole(doc: DocsDocument, dir: string = consoleDir): void {
  mkdirSync(dir, { recursive: true });
  for (const file of PAGE_FILES) copyFileSync(join(pageDir, file), join(dir, file));
  writeFileSync(join(dir, 'scalar.js'), scalarBundle());
  writeFileSync(join(dir, 'openapi.json'), `${JSON.stringify(consoleDocument(doc))}\n`);
  writeFileSync(join(dir, 'config.json'), '{}\n');
}
