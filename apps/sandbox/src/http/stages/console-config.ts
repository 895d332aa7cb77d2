/**
 * The docs console's settings at `/docs/console/config.json`: this server's
 * API base URL and the demo key, so the console served here answers its
 * first Send with a 200 and no setup. It exists only beside docs this server
 * serves (the static docs build has no such file), and only for a page of
 * this very origin: no CORS header (another origin's script cannot read it),
 * a loopback Host only (a DNS-rebound name is refused), a cross-site fetch
 * refused, never cached.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StaticHandler } from './docs.js';

/** The path below `/docs`, as the docs handler sees it. */
const CONFIG_PATH = '/console/config.json';

export interface ConsoleSettings {
  /** The API's path on this server, `/v1`. */
  basePath: string;
  apiKey: string;
}

/** The docs handler, answering the console's settings first; `undefined` when no docs are served. */
export function withConsoleConfig(
  docs: StaticHandler | undefined,
  settings: ConsoleSettings,
): StaticHandler | undefined {
  if (!docs) return undefined;
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== CONFIG_PATH || !(req.method === 'GET' || req.method === 'HEAD')) return docs(req, res, next);
    const host = loopbackHost(req);
    if (!host || !sameOrigin(req)) return next();
    sendConfig(req, res, { baseUrl: `http://${host}${settings.basePath}`, apiKey: settings.apiKey });
  };
}

/** The Host header when it names this machine (`127.x.x.x`, `localhost`, `[::1]`), else undefined. */
function loopbackHost(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  const loopback = name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
  return loopback ? host : undefined;
}

/** Browsers say where a fetch comes from; only this origin's pages (or the address bar) get the key. */
function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

function sendConfig(req: IncomingMessage, res: ServerResponse, config: { baseUrl: string; apiKey: string }): void {
  const body = JSON.stringify(config);
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
