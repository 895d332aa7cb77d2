/** Starts a sandbox: database, credentials, contract, HTTP server; and stops it cleanly. */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { loadSpec } from '@freddy/spec';
import { type Logger, pino } from 'pino';
import sirv from 'sirv';
import { KeyStore } from './auth/keys.js';
import { RateLimiter } from './auth/rate-limit.js';
import { seedCredentials } from './auth/seed.js';
import { errors, renderError } from './http/errors.js';
import { createRequestHandler, nextRequestId } from './http/server.js';
import { createOperations } from './operations/threads.js';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_RATE_LIMIT, type Sandbox, type SandboxOptions } from './options.js';
import { openDatabase } from './store/database.js';
import { ThreadStore } from './store/threads.js';
import { type Contract, compileContract } from './validation/contract.js';

// Compiled once per process: test suites start many sandboxes, and the
// validators keep no state between calls.
let contractOnce: Contract | undefined;

/** How long `close()` lets in-flight requests finish before cutting connections. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataDir = options.memory || !options.dataDir ? undefined : resolve(options.dataDir);
  const logger = createLogger(options.log);
  contractOnce ??= compileContract(loadSpec());
  const contract = contractOnce;
  const db = openDatabase(dataDir);
  try {
    const keys = new KeyStore(db);
    const credentials = seedCredentials(db, keys, dataDir);
    const store = new ThreadStore(db);
    const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
    if (rateLimit && !(Number.isInteger(rateLimit.limit) && rateLimit.limit >= 1 && rateLimit.windowMs >= 1)) {
      throw new TypeError(`rateLimit needs a whole limit ≥ 1 and a windowMs ≥ 1, not ${JSON.stringify(rateLimit)}`);
    }
    const handle = createRequestHandler({
      contract,
      keys,
      limiter: rateLimit ? new RateLimiter(rateLimit) : undefined,
      operations: createOperations(store, contract.validateMetadata),
      logger,
      docs: docsHandler(options.docsDir, logger),
    });

    let inFlight = 0;
    let closing = false;
    let drained: (() => void) | undefined;
    const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
      inFlight++;
      // Once closing, every answer tells the client to drop the connection.
      if (closing) res.setHeader('connection', 'close');
      res.once('close', () => {
        inFlight--;
        if (closing && inFlight === 0) drained?.();
      });
      handle(req, res);
    });

    server.on('clientError', answerMalformedHttp);

    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}${contract.basePath}`;

    let closed: Promise<void> | undefined;
    const close = () => {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        if (inFlight > 0) {
          await Promise.race([
            new Promise<void>((r) => {
              drained = r;
            }),
            new Promise<void>((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref()),
          ]);
        }
        server.closeAllConnections();
        await stopped;
        db.close();
        logger?.flush();
      })();
      return closed;
    };

    return { url, port: address.port, credentials, close };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Requests node's parser cannot read never reach the handler; they still get
 * a JSON error with a request id rather than node's bare `400 Bad Request`.
 */
function answerMalformedHttp(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(
    renderError(
      errors.badRequest(`Malformed HTTP request (${error.code ?? 'parse error'})`, 'malformed_http'),
      'freddy',
      '',
    ),
  );
  const reason = STATUS_CODES[status] ?? 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${nextRequestId()}\r\n` +
      `access-control-allow-origin: *\r\n\r\n${body}`,
  );
}

function createLogger(log: SandboxOptions['log']): Logger | undefined {
  if (!log) return undefined;
  if (log === true) return pino({ base: undefined }, pino.destination({ dest: 1, sync: false }));
  return log;
}

function docsHandler(docsDir: string | undefined, logger: Logger | undefined) {
  if (!docsDir) return undefined;
  const dir = resolve(docsDir);
  if (!existsSync(dir)) {
    const warning = `docs folder ${dir} does not exist (yet); /docs/ answers 404 until it does`;
    if (logger) logger.warn(warning);
    else console.warn(warning);
  }
  // A folder that does not exist yet is looked up per request (dev mode), so docs built later still show.
  const serve = sirv(dir, { dev: !existsSync(dir), etag: true });
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => serve(req, res, next);
}
