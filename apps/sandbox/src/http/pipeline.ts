/**
 * The request pipeline, one stage after another: CORS preflight → docs →
 * the sandbox's control endpoints (`/_sandbox/…`) → route (from the contract)
 * → authenticate (one credential, read by the operation's security schemes) → rate limit → faults
 * asked for (`X-Sandbox-Fault`, or the chaos rate) → authorize (read-only
 * keys) → a chosen answer (`Prefer`) → path and query parameters → body (read
 * within the contract's limit, then validated) → run the operation. Each
 * stage throws an ApiError to answer early; the exchange renders it in the
 * operation's envelope, with x-request-id, and the request gets one log line.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OperationId, operationTable } from '@freddy/types';
import type { Logger } from 'pino';
import type { KeyStore } from '../auth/keys.js';
import type { RateLimiter } from '../auth/rate-limit.js';
import type { ThreadOperations } from '../operations/threads.js';
import type { CompiledContract, CompiledOperation } from '../validation/contract.js';
import { Exchange } from './exchange.js';
import { authenticate } from './stages/authenticate.js';
import { authorize } from './stages/authorize.js';
import { type SandboxControls, serveControl } from './stages/control.js';
import { type Dispatchable, dispatch } from './stages/dispatch.js';
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
import { validateBody } from './stages/validate-body.js';

export interface PipelineDeps {
  contract: CompiledContract;
  keys: KeyStore;
  limiter: RateLimiter | undefined;
  operations: ThreadOperations;
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
  const answerPreferred = createPreferStage(
    limiter ? { limit: limiter.limit, windowSeconds: Math.ceil(limiter.windowMs / 1000) } : plan,
  );
  const handlers = handlerTable(contract.operations, deps.operations);
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
      const handler = handlers.get(operation)!;
      // The operation runs only now that the request is valid: with a key, its answer is stored beside its write.
      const run = (body: Record<string, unknown> | undefined) => {
        const context =
          key === undefined ? undefined : idempotency.begin(exchange, principal.organizationId, key, body);
        if (key === undefined || context) dispatch(exchange, handler, { ...input, body }, context);
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

/** Each operation of the contract with its handler; a contract operation without one stops the start. */
function handlerTable(operations: CompiledOperation[], implementations: ThreadOperations) {
  const table = new Map<CompiledOperation, Dispatchable>();
  for (const operation of operations) {
    const id = operation.spec.id;
    if (!isOperationId(id)) throw new Error(`No handler for operation ${id}`);
    table.set(operation, implementations[id]);
  }
  return table;
}

function isOperationId(id: string): id is OperationId {
  return Object.hasOwn(operationTable, id);
}
