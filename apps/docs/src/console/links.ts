/**
 * How the reference and the console address one operation, and the links
 * between them. Both are relative `index.html` links, so they work at `/`,
 * under `/docs/` and from `file://` alike.
 */
import type { ContractOperation } from '@freddy/spec';

/** The console's folder in the site. */
export const CONSOLE_DIR = 'console';

type Addressed = Pick<ContractOperation, 'id' | 'tag'>;

/** Redoc 3's hash route: `/<tag>/<operationId>`, lower case. */
export function referenceRoute(operation: Addressed): string {
  return `/${operation.tag.toLowerCase()}/${operation.id.toLowerCase()}`;
}

/**
 * The console's hash route: `tag/<tag>/<operationId>`, lower case (the form
 * Scalar's reference used). The console page reads it from its document
 * (`consoleDocument()` writes it on each operation), not from here.
 */
export function consoleRoute(operation: Addressed): string {
  return `tag/${operation.tag.toLowerCase()}/${operation.id.toLowerCase()}`;
}

/** From the reference page to the operation's request in the console. */
export function tryItHref(operation: Addressed): string {
  return `${CONSOLE_DIR}/index.html#${consoleRoute(operation)}`;
}

/** From the console page back to the operation in the reference. */
export function referenceHref(operation: Addressed): string {
  return `../index.html#${referenceRoute(operation)}`;
}
