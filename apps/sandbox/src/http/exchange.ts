/**
 * One request and its answer as it moves through the pipeline: what the
 * stages learn about it, and the one way to answer it (a JSON body in the
 * operation's envelope, with `x-request-id` and the headers carried so far).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { RawJson } from '../operations/handler.js';
import type { Envelope } from '../validation/contract.js';
import { CORS_HEADERS } from './cors.js';
import { ApiError, errors, renderError } from './errors.js';
import { nextRequestId } from './request-id.js';

export type HeaderValues = Record<string, string | number>;

/** What the request's log line says, filled in as the stages learn it. */
export interface LogFields {
  requestId: string;
  method: string;
  url: string;
  operationId?: string;
  organizationId?: string;
  /** The faults injected into this request (`X-Sandbox-Fault` or the chaos rate). */
  fault?: string;
  error?: unknown;
}

export class Exchange {
  readonly requestId = nextRequestId();
  readonly started = performance.now();
  readonly method: string;
  readonly rawUrl: string;
  /** The URL's path, without the query. */
  readonly path: string;
  /** The query string, without `?` (and without the sandbox's own parameters once they are taken). */
  search: string;
  readonly log: LogFields;
  /** Errors are rendered in the envelope of the operation, once it is known. */
  envelope: Envelope;
  /** Headers every later answer carries (the rate-limit headers, once the key is known). */
  carried: HeaderValues = {};
  /** A `latency` fault: the answer is sent this many ms late. */
  answerDelayMs = 0;
  /** An `error-after-commit` fault: the operation runs, then the answer is a 500. */
  failAfterCommit = false;
  /** The level of the request's log line: the docs' static files are logged at debug level only. */
  logLevel: 'info' | 'debug' = 'info';

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    private readonly logger: Logger | undefined,
    defaultEnvelope: Envelope,
  ) {
    this.envelope = defaultEnvelope;
    this.method = req.method ?? 'GET';
    this.rawUrl = req.url ?? '/';
    const queryStart = this.rawUrl.indexOf('?');
    this.path = queryStart === -1 ? this.rawUrl : this.rawUrl.slice(0, queryStart);
    this.search = queryStart === -1 ? '' : this.rawUrl.slice(queryStart + 1);
    this.log = { requestId: this.requestId, method: this.method, url: this.rawUrl };
  }

  send(status: number, body: unknown, headers: HeaderValues = this.carried): void {
    if (this.answerDelayMs > 0) {
      const delay = this.answerDelayMs;
      this.answerDelayMs = 0;
      setTimeout(() => this.send(status, body, headers), delay);
      return;
    }
    const { res } = this;
    // The client has gone (it gave up waiting on a late answer): nothing to send to.
    if (this.req.socket.destroyed) return;
    if (res.headersSent) {
      // Nothing sensible can follow a half-sent answer: drop the connection.
      res.destroy();
      return;
    }
    const payload = body instanceof RawJson ? body.bytes : JSON.stringify(body);
    res.writeHead(status, {
      ...CORS_HEADERS,
      'x-request-id': this.requestId,
      'content-type': 'application/json; charset=utf-8',
      'content-length': typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length,
      ...headers,
    });
    res.end(payload);
  }

  /** Answers an ApiError as documented; anything else is an unexpected fault: logged, answered 500. */
  fail(error: unknown): void {
    const apiError = error instanceof ApiError ? error : errors.internal();
    if (!(error instanceof ApiError)) {
      this.log.error = error instanceof Error ? { message: error.message, stack: error.stack } : String(error);
      if (this.logger) this.logger.error({ requestId: this.requestId, err: this.log.error }, 'unexpected error');
      else console.error(`unexpected error in ${this.requestId}:`, error);
    }
    const headers = apiError.headers ? { ...this.carried, ...apiError.headers } : this.carried;
    this.send(apiError.status, renderError(apiError, this.envelope, this.requestId), headers);
  }

  /** Runs a step, answering whatever it throws. */
  guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.fail(error);
    }
  }
}
