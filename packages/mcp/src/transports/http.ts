/**
 * Streamable HTTP at `/mcp`, stateless: every POST is answered on its own by
 * a server made for it, with the Freddy key its `Authorization: Bearer`
 * carries (else the configured one), so one process serves several users and
 * no call is made with another's key. There are no sessions to keep, so
 * nothing to lose on a restart and nothing to share between users; and no
 * server-initiated messages to stream, so GET and DELETE answer 405 and each
 * answer is plain JSON.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import {
  type AuthInfo,
  createMcpHandler,
  type HandleRequestOptions,
  isLegacyRequest,
  type Server,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import { contract } from '../../generated/tools.js';
import { browserPolicy, isLoopback, refusal } from './browser-guard.js';

export interface HttpOptions {
  port: number;
  host: string;
  /** Browser origins that may call; none by default. */
  allowedOrigins: readonly string[];
  /** The key for requests that bring none, on loopback only (elsewhere such a request is refused). */
  apiKey: string;
  /** A server whose calls use `apiKey`. */
  serverFor: (apiKey: string) => Server;
  /** How long a client may take to send a request's headers, and the whole request (default 10 s, 30 s). */
  slowClientLimits?: { headersMs: number; requestMs: number };
}

export interface RunningHttp {
  /** The endpoint, e.g. `http://127.0.0.1:4011/mcp`. */
  url: string;
  close(): Promise<void>;
}

// A message carries a tool's arguments, whose body part the contract bounds; the rest (method, id, path
// and query arguments) is small.
const MAX_MESSAGE_BYTES = contract.requestBodyMaxBytes + 16 * 1024;
const ENDPOINT = '/mcp';
const CORS_HEADERS = 'authorization, content-type, accept, mcp-protocol-version, mcp-method, mcp-name';
const IDLE_CONNECTION_MS = 65_000;
export const SLOW_CLIENT_LIMITS = { headersMs: 10_000, requestMs: 30_000 };

export async function startHttp(options: HttpOptions): Promise<RunningHttp> {
  // Both protocol eras: a 2026-07-28 request and a 2025 one each get a server made for it, with the key
  // its request brought, answered as plain JSON (there are no notifications to stream).
  const serverFor = (authInfo: AuthInfo | undefined) => options.serverFor(authInfo?.token ?? options.apiKey);
  // The default response mode answers JSON while a handler sends nothing before its result, as these
  // never do ('json' would say the same with a warning on stderr).
  const modern = createMcpHandler(({ authInfo }) => serverFor(authInfo), { legacy: 'reject' });
  const nodeHandler = toNodeHandler({
    fetch: async (request, { authInfo, parsedBody } = {}) =>
      (await isLegacyRequest(request, parsedBody))
        ? answerLegacy(serverFor(authInfo), request, { authInfo, parsedBody })
        : modern.fetch(request, { ...(authInfo ? { authInfo } : {}), parsedBody }),
  });
  // Known once the server listens (its port may be 0 until then); until then nothing is served.
  let policy = browserPolicy(options.host, 0, options.allowedOrigins);
  const loopback = isLoopback(options.host);
  const slow = options.slowClientLimits ?? SLOW_CLIENT_LIMITS;
  const server = createServer(
    {
      // An idle connection is kept longer than clients keep theirs (undici 4 s, httpx 5 s: Node's own 5 s
      // would race httpx), so it is always the client that closes one and never reuses a socket this
      // server has just closed (ECONNRESET on the next call).
      keepAliveTimeout: IDLE_CONNECTION_MS,
      headersTimeout: slow.headersMs,
      requestTimeout: slow.requestMs,
      // Node checks both limits every 30 s by default, so a slow client was held up to 30 s past them.
      connectionsCheckingInterval: Math.min(1_000, slow.headersMs / 2),
    },
    (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) answer(res, 500, -32603, 'Internal error');
        else res.destroy();
      });
    },
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = { host: req.headers.host, origin: req.headers.origin };
    const refused = refusal(headers, policy);
    if (refused) return answer(res, 403, -32000, refused);
    if (headers.origin) res.setHeader('access-control-allow-origin', headers.origin).setHeader('vary', 'Origin');
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== ENDPOINT) {
      return answer(res, 404, -32000, `Not found: the MCP endpoint is ${ENDPOINT}`);
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': CORS_HEADERS,
        'access-control-max-age': '600',
      });
      return void res.end();
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST, OPTIONS');
      return answer(res, 405, -32000, 'Method not allowed: this server is stateless (no sessions, no event stream)');
    }
    const credential = bearer(req.headers.authorization);
    if (credential === null) {
      res.setHeader('www-authenticate', 'Bearer');
      return answer(res, 401, -32000, 'Authorization must be "Bearer <Freddy API key>"');
    }
    // The server's own key is lent only to callers on this machine; from elsewhere, each brings its own.
    if (credential === undefined && !loopback) {
      res.setHeader('www-authenticate', 'Bearer');
      return answer(
        res,
        401,
        -32000,
        'Authorization: Bearer <Freddy API key> is required: this server is not bound to loopback, so it lends no key',
      );
    }
    const body = await readBounded(req, MAX_MESSAGE_BYTES);
    if (body === undefined) {
      res.setHeader('connection', 'close');
      return answer(res, 413, -32000, `Payload too large: a message is at most ${MAX_MESSAGE_BYTES} bytes`);
    }
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(res, 400, -32700, 'Parse error: the body is not JSON');
    }
    // The SDK's handler hands the key to the factory as the request's authInfo; it reads no header itself.
    const authorized = req as IncomingMessage & { auth?: AuthInfo };
    authorized.auth = { token: credential ?? options.apiKey, clientId: 'freddy-mcp', scopes: [] };
    await nodeHandler(authorized, res, message);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  policy = browserPolicy(options.host, address.port, options.allowedOrigins);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${ENDPOINT}`,
    close: () =>
      new Promise((resolve) => {
        void modern.close().finally(() => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
      }),
  };
}

/**
 * A 2025-era request, as stateless Streamable HTTP answers it: a server and a transport for it alone,
 * the answer as JSON. (The SDK's own stateless fallback answers these as an event stream.)
 */
async function answerLegacy(server: Server, request: Request, options: HandleRequestOptions): Promise<Response> {
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request, options);
  } finally {
    void server.close();
  }
}

/** The request's body, or undefined once it passes `max` bytes (the rest is not read). */
async function readBounded(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The key an `Authorization: Bearer …` carries; undefined without the header; null when it is not one. */
function bearer(header: string | undefined): string | undefined | null {
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(header);
  return match ? match[1]! : null;
}

/** A JSON-RPC error as the HTTP answer, as the SDK writes its own. */
function answer(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
