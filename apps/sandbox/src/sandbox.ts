/** Starts a sandbox on an HTTP server, and stops it cleanly. */
import { createServer, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createSandboxApp } from './app.js';
import { type ApiError, errors, renderError } from './http/errors.js';
import { nextRequestId } from './http/request-id.js';
import {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  type Sandbox,
  type SandboxOptions,
} from './options.js';
import type { Envelope } from './validation/contract.js';

/** How long `close()` lets in-flight requests finish before cutting connections. */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const app = createSandboxApp(options);
  const { handle, credentials } = app;
  try {
    let inFlight = 0;
    let closing = false;
    let drained: (() => void) | undefined;
    const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
    const requestTimeout = Math.max(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout);
    const server = createServer(
      {
        keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
        headersTimeout,
        requestTimeout,
        // How often node looks for connections past those limits (its default, 30 s, would let a slow client stay 40 s).
        connectionsCheckingInterval: Math.min(1_000, headersTimeout),
      },
      (req, res) => {
        inFlight++;
        // Once closing, every answer tells the client to drop the connection.
        if (closing) res.setHeader('connection', 'close');
        res.once('close', () => {
          inFlight--;
          if (closing && inFlight === 0) drained?.();
        });
        handle(req, res);
      },
    );

    server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) =>
      answerClientError(
        error,
        socket,
        app.contract.defaultEnvelope,
        errors.requestTimeout(headersTimeout, requestTimeout),
      ),
    );

    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? DEFAULT_PORT, options.host ?? DEFAULT_HOST, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}${app.contract.basePath}`;

    let closed: Promise<void> | undefined;
    const close = () => {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        // A request held by a `timeout` fault would otherwise keep close() waiting for its grace period.
        app.dropHeldConnections();
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
        app.close();
      })();
      return closed;
    };

    return {
      url,
      port: address.port,
      credentials,
      createKey: app.createKey,
      reset: app.reset,
      exampleServed: app.exampleServed,
      ...(app.chaos ? { faultSeed: app.chaos.seed } : {}),
      close,
    };
  } catch (error) {
    app.close();
    throw error;
  }
}

/**
 * Requests node's parser cannot read, or that do not arrive in time, never
 * reach the handler (or are cut off inside it); they still get a JSON error
 * with a request id rather than node's bare status line, unless an answer
 * has already begun, as node itself does.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, envelope: Envelope, timedOut: ApiError): void {
  // node's own property for the response in progress on this socket.
  const pending = (socket as { _httpMessage?: ServerResponse })._httpMessage;
  if (!socket.writable || error.code === 'ECONNRESET' || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const apiError =
    status === 408
      ? timedOut
      : errors.badRequest(`Malformed HTTP request (${error.code ?? 'parse error'})`, 'malformed_http');
  const body = JSON.stringify(renderError(apiError, envelope, ''));
  const reason = STATUS_CODES[status] ?? 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${nextRequestId()}\r\n` +
      `access-control-allow-origin: *\r\n\r\n${body}`,
  );
}
