/** Serves the docs site at `/docs/` (and sends `/` there) when the sandbox has one. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CORS_HEADERS } from '../cors.js';
import { errors } from '../errors.js';
import type { Exchange } from '../exchange.js';

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** True when the docs answered (or will answer) the request. */
export function serveDocs(exchange: Exchange, docs: StaticHandler | undefined): boolean {
  const { path } = exchange;
  if (!docs || !(path === '/' || path === '/docs' || path.startsWith('/docs/'))) return false;
  // A page loads a dozen files: they would bury the API requests in the log.
  exchange.logLevel = 'debug';
  if (path === '/' || path === '/docs') {
    exchange.res.writeHead(302, { location: '/docs/', 'x-request-id': exchange.requestId, ...CORS_HEADERS });
    exchange.res.end();
    return true;
  }
  exchange.req.url = exchange.rawUrl.slice('/docs'.length);
  docs(exchange.req, exchange.res, () => exchange.fail(errors.routeNotFound(exchange.method, path)));
  return true;
}
