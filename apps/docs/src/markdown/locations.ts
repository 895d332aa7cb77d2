/**
 * Where each Markdown file lives in the site, and links between them. Every
 * path is relative to the site's root (beside `index.html`), and every link
 * relative to the file it is written in, so the files work on any host, under
 * any base path and from disk.
 */
import { posix } from 'node:path';
import type { ContractOperation } from '@freddy/spec';

/** The llmstxt.org index: links to every page. */
export const LLMS_INDEX = 'llms.txt';
/** Every page in one file. */
export const LLMS_FULL = 'llms-full.txt';
export const OPERATIONS_DIR = 'operations';
const CONCEPTS_DIR = 'concepts';
/** Every response header, described once. */
export const RESPONSE_HEADERS_PAGE = 'response-headers.md';
/** The Redoc reference page, from the site's root. */
export const REFERENCE_PAGE = 'index.html';

/** `pinThread` → `operations/pin-thread.md`: the operation id, which a release never changes, in kebab case. */
export function operationPagePath(operation: Pick<ContractOperation, 'id'>): string {
  return `${OPERATIONS_DIR}/${pageName(operation.id.replace(/([a-z0-9])([A-Z])/g, '$1-$2'))}.md`;
}

/** A section of the document's description, by its Redoc slug: `concepts/rate-limits.md`. */
export function conceptPagePath(slug: string): string {
  return `${CONCEPTS_DIR}/${pageName(slug)}.md`;
}

function pageName(name: string): string {
  const lower = name.toLowerCase();
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(lower)) throw new Error(`${name} does not make a readable page name`);
  return lower;
}

/**
 * The link from the file at `from` to `to` (both from the site's root; `to`
 * may end in a `#fragment`).
 */
export function relativeHref(from: string, to: string): string {
  const hashAt = to.indexOf('#');
  const [target, fragment] = hashAt === -1 ? [to, ''] : [to.slice(0, hashAt), to.slice(hashAt)];
  const path = posix.relative(posix.dirname(posix.join('/', from)), posix.join('/', target));
  return `${path}${fragment}`;
}

/** The bundled contract, as published beside the pages. */
export const OPENAPI_DOCUMENT = 'openapi.json';
