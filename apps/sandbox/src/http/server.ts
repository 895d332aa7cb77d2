/**
 * The request pipeline: route (from the contract) → authenticate (the
 * operation's security schemes) → rate limit → validate path, query and body
 * (validators compiled from the contract) → run the operation → answer in the
 * operation's envelope, with x-request-id and one log line.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { KeyStore, Principal } from '../auth/keys.js';
import type { RateLimiter, RateLimitState } from '../auth/rate-limit.js';
import { type OperationHandler, RawJson } from '../operations/threads.js';
import { classifyBodyError, classifyParameterError } from '../validation/classify.js';
import type { CompiledOperation, Contract, Envelope } from '../validation/contract.js';
import { readJsonBody } from './body.js';
import { CORS_HEADERS, preflightHeaders } from './cors.js';
import { ApiError, errors, renderError } from './errors.js';
import { Router } from './router.js';

export interface HandlerDeps {
  contract: Contract;
  keys: KeyStore;
  limiter: RateLimiter | undefined;
  operations: Record<string, OperationHandler>;
  logger: Logger | undefined;
  /** Serves `/docs/…` when a docs folder is configured. */
  docs?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

// Request ids need to be unique, not secret: a random per-process prefix and a
// counter cost far less per request than a UUID.
const requestIdPrefix = `req_${randomBytes(6).toString('hex')}`;
let requestCounter = 0;
export function nextRequestId(): string {
  requestCounter = (requestCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${requestIdPrefix}${requestCounter.toString(36).padStart(6, '0')}`;
}

export function createRequestHandler(deps: HandlerDeps): Handler {
  const { contract, keys, limiter, operations, logger, docs } = deps;
  const router = new Router(contract.operations);
  const basePath = contract.basePath;
  for (const operation of contract.operations) {
    if (!operations[operation.operationId]) throw new Error(`No handler for operation ${operation.operationId}`);
  }

  return function handle(req, res) {
    const started = performance.now();
    const requestId = nextRequestId();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const log: LogFields = { requestId, method, url: rawUrl };
    if (logger) {
      res.once('finish', () => {
        logger.info({ ...log, status: res.statusCode, ms: Math.round((performance.now() - started) * 100) / 100 });
      });
    }

    // Known once the route and the key are: every later answer carries them.
    let envelope: Envelope = 'freddy';
    let limitHeaders: Record<string, string | number> = {};

    const send = (status: number, body: unknown, headers: Record<string, string | number> = limitHeaders) => {
      if (res.headersSent) {
        // Nothing sensible can follow a half-sent answer: drop the connection.
        res.destroy();
        return;
      }
      const payload = body instanceof RawJson ? body.text : JSON.stringify(body);
      res.writeHead(status, {
        ...CORS_HEADERS,
        'x-request-id': requestId,
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(payload),
        ...headers,
      });
      res.end(payload);
    };
    const fail = (error: unknown, headers: Record<string, string | number> = limitHeaders) => {
      const apiError = error instanceof ApiError ? error : errors.internal();
      if (!(error instanceof ApiError)) {
        log.error = error instanceof Error ? { message: error.message, stack: error.stack } : String(error);
        if (logger) logger.error({ requestId, err: log.error }, 'unexpected error');
        else console.error(`unexpected error in ${requestId}:`, error);
      }
      send(apiError.status, renderError(apiError, envelope, requestId), headers);
    };

    try {
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          ...preflightHeaders(req.headers['access-control-request-headers']),
          'x-request-id': requestId,
        });
        res.end();
        return;
      }
      if (docs && (path === '/' || path === '/docs' || path.startsWith('/docs/'))) {
        if (path === '/' || path === '/docs') {
          res.writeHead(302, { location: '/docs/', 'x-request-id': requestId, ...CORS_HEADERS });
          res.end();
          return;
        }
        req.url = rawUrl.slice('/docs'.length);
        docs(req, res, () => fail(errors.routeNotFound(method, path)));
        return;
      }
      if (!path.startsWith(basePath)) {
        fail(errors.routeNotFound(method, path));
        return;
      }
      const match = router.match(method, path.slice(basePath.length));
      if (match.kind === 'not-found') {
        fail(errors.routeNotFound(method, path));
        return;
      }
      if (match.kind === 'method-not-allowed') {
        fail(errors.methodNotAllowed(method, path), { allow: match.allow.join(', ') });
        return;
      }
      const { operation, params } = match;
      log.operationId = operation.operationId;
      envelope = operation.envelope;

      const principal = authenticate(req, operation, keys);
      if (principal instanceof ApiError) {
        fail(principal);
        return;
      }
      log.organizationId = principal.organizationId;

      if (limiter) {
        const state = limiter.take(principal.keyHash);
        limitHeaders = rateLimitHeaders(state);
        if (state.retryAfter !== undefined) {
          fail(errors.rateLimited(limiter.limit, limiter.windowMs, state.retryAfter), {
            ...limitHeaders,
            'retry-after': state.retryAfter,
          });
          return;
        }
      }

      if (operation.pathParams && !operation.pathParams.validate(params)) {
        throw classifyParameterError(operation.pathParams.validate.errors?.[0]);
      }
      const query = parseQuery(operation, queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));

      const run = (body: Record<string, unknown> | undefined) => {
        const result = operations[operation.operationId]!({ principal, params, query, body });
        if (result instanceof Promise) result.then((value) => send(200, value), fail);
        else send(200, result);
      };

      if (!operation.body) {
        run(undefined);
        return;
      }
      const bodySpec = operation.body;
      readJsonBody(req, contract.maxBodyBytes).then(
        (read) => {
          try {
            if (!read.present && bodySpec.required) {
              throw errors.badRequest('Invalid request parameters: a JSON body is required', 'missing_body');
            }
            const value = read.present ? read.value : {};
            if (!bodySpec.validate(value)) throw classifyBodyError(bodySpec.validate.errors?.[0]);
            run({ ...bodySpec.defaults, ...(value as Record<string, unknown>) });
          } catch (error) {
            fail(error);
          }
        },
        (error) => {
          // Whatever is left of a refused body is read and dropped, so the connection stays usable.
          req.resume();
          fail(error);
        },
      );
    } catch (error) {
      fail(error);
    }
  };
}

interface LogFields {
  requestId: string;
  method: string;
  url: string;
  operationId?: string;
  organizationId?: string;
  error?: unknown;
}

/** Any one of the operation's schemes may carry the key; others are ignored. */
function authenticate(req: IncomingMessage, operation: CompiledOperation, keys: KeyStore): Principal | ApiError {
  let presented = false;
  for (const source of operation.credentialSources) {
    let credential: string | undefined;
    if (source.kind === 'bearer') {
      const header = req.headers.authorization;
      const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
      credential = match?.[1];
      if (header && !match) presented = true;
    } else {
      const header = req.headers[source.header];
      credential = Array.isArray(header) ? header[0] : header;
    }
    if (!credential) continue;
    presented = true;
    const principal = keys.authenticate(credential);
    if (principal) return principal;
  }
  return presented ? errors.invalidCredentials() : errors.missingCredentials();
}

function rateLimitHeaders(state: RateLimitState): Record<string, number> {
  return {
    'x-ratelimit-limit': state.limit,
    'x-ratelimit-remaining': state.remaining,
    'x-ratelimit-reset': state.reset,
  };
}

/** Query values as the spec types them (coerced by ajv), with the spec's defaults. */
function parseQuery(operation: CompiledOperation, search: string): Record<string, unknown> {
  const spec = operation.query;
  if (!spec) return {};
  const query: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    // Would set the object's prototype rather than a key; no parameter has this name anyway.
    if (name === '__proto__') {
      throw errors.badRequest(
        `Invalid request parameters: Unknown query parameter: ${name}`,
        'invalid_parameters',
        name,
      );
    }
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  for (const [name, value] of Object.entries(spec.defaults)) if (query[name] === undefined) query[name] = value;
  if (!spec.validate(query)) throw classifyParameterError(spec.validate.errors?.[0]);
  return query;
}
