/**
 * The request pipeline, one stage after another: CORS preflight → docs →
 * the sandbox's control endpoints (`/_sandbox/…`) → route (from the contract)
 * → authenticate (one credential, read by the operation's security schemes) → rate limit → faults
 * asked for (`X-Sandbox-Fault`, or the chaos rate) → authorize (read-only
 * keys) → a chosen answer (`Prefer`) → path and query parameters → body (read
 * within the contract's limit, then validated) → run the operation's handler,
 * or answer its documented success example when it has none yet. Each
 * stage throws an ApiError to answer early; the exchange renders it in the
 * operation's envelope, with x-request-id, and the request gets one log line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { KeyStore } from '../auth/keys.js';
import type { RateLimiter } from '../auth/rate-limit.js';
import type { CompiledContract } from '../validation/contract.js';
import { Exchange } from './exchange.js';
import type { HandlerTable } from './handler-table.js';
import { authenticate } from './stages/authenticate.js';
import { authorize } from './stages/authorize.js';
import { type SandboxControls, serveControl } from './stages/control.js';
import { dispatch } from './stages/dispatch.js';
import { type StaticHandler, serveDocs } from './stages/docs.js';
import type { FaultStage } from './stages/faults.js';
import { IDEMPOTENCY_HEADER, type Idempotency } from './stages/idempotency.js';
import { limitRate } from './stages/limit-rate.js';
import { logWhenFinished } from './stages/log-request.js';
import { parseQuery, validateHeaders, validatePath } from './stages/parameters.js';
import { createPreferStage } from './stages/prefer.js';
import { createPreflight } from './stages/preflight.js';
import { readJsonBody } from './stages/read-body.js';
import { Router } from './stages/route.js';
import { serveExample } from './stages/serve-example.js';
import { validateBody } from './stages/validate-body.js';

export interface PipelineDeps {
  contract: CompiledContract;
  keys: KeyStore;
  limiter: RateLimiter | undefined;
  /** What serves each operation: its handler, or its documented example. */
  handlers: HandlerTable;
  idempotency: Idempotency;
  logger: Logger | undefined;
  faults: FaultStage;
  controls: SandboxControls;
  /** Serves `/docs/…` when a docs folder is configured. */
  docs?: StaticHandler;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createRequestHandler(deps: PipelineDeps): RequestHandler {
  const { contract, keys, limiter, logger, docs, faults, controls, idempotency } = deps;
  const router = new Router(contract);
  const answerPreflight = createPreflight(contract);
  const plan = contract.model.limits.rateLimit;
  const headersPlan = limiter ? { limit: limiter.limit, windowSeconds: Math.ceil(limiter.windowMs / 1000) } : plan;
  const answerPreferred = createPreferStage(headersPlan);
  const { served } = deps.handlers;
  const bodyLimits = {
    maxBytes: contract.model.limits.requestBodyMaxBytes,
    maxDepth: contract.model.limits.requestBodyMaxDepth,
  };

  return function handle(req, res) {
    const exchange = new Exchange(req, res, logger, contract.defaultEnvelope);
    logWhenFinished(exchange, logger);
    try {
      if (answerPreflight(exchange) || serveDocs(exchange, docs) || serveControl(exchange, controls)) return;

      const { operation, params } = router.route(exchange.method, exchange.path);
      exchange.log.operationId = operation.spec.id;
      exchange.envelope = operation.envelope;

      const principal = authenticate(req, operation.spec.security, contract.model.securitySchemes, keys);
      exchange.log.organizationId = principal.organizationId;
      if (limiter) limitRate(exchange, limiter, principal.keyHash);
      if (faults.apply(exchange)) return;
      authorize(principal, operation.spec.method);
      if (answerPreferred(exchange, operation)) return;

      const input = {
        principal,
        params: validatePath(operation, params),
        query: parseQuery(operation, exchange.search),
        body: undefined as Record<string, unknown> | undefined,
      };
      const key = validateHeaders(operation, req.headers)[IDEMPOTENCY_HEADER];
      const { handler, example, success } = served.get(operation)!;
      // The operation runs only now that the request is valid: with a key, its answer is stored beside its write.
      const run = (body: Record<string, unknown> | undefined) => {
        const write =
          key === undefined ? undefined : idempotency.begin(exchange, principal.organizationId, key, body, success);
        if (key !== undefined && !write) return;
        if (handler) dispatch(exchange, handler, { ...input, body }, success.status, write);
        else serveExample(exchange, operation, example, headersPlan, write);
      };
      if (!operation.body) {
        run(undefined);
        return;
      }
      readJsonBody(req, bodyLimits).then(
        (read) => exchange.guard(() => run(validateBody(operation, read))),
        (error) => {
          // Whatever is left of a refused body is read and dropped, so the connection stays usable.
          req.resume();
          exchange.fail(error);
        },
      );
    } catch (error) {
      exchange.fail(error);
    }
  };
}
