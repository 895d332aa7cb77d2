import type { ListThreadsQuery, OperationId, paths, Thread, ThreadList } from '@freddy/types';
import { clientRoutes } from '@freddy/types';
import openapiFetch, { type Client } from 'openapi-fetch';
import { type Resources, resources, type ThreadsMethods } from '../generated/resources.js';
import { apiPromise } from './api-promise.js';
import { apiErrorFor, FreddyConnectionError, FreddyError, FreddyTimeoutError, redact } from './errors.js';
import { debugLog } from './logger.js';
import type { CallParams, OperationCall, SuccessBody } from './operation-types.js';
import type { FreddyClientOptions, RequestOptions } from './options.js';
import { refuseRedirect } from './redirects.js';
import { boundedError, readBounded } from './response-size.js';
import { retryDelayMs, shouldRetry, sleep } from './retry.js';

// openapi-fetch's CommonJS build sets `exports.default` without `__esModule`,
// so from our CJS build the default import is the module object, not the function.
const createClient: typeof openapiFetch = Reflect.get(openapiFetch, 'default') ?? openapiFetch;

/** `client.threads`: a method per operation tagged Threads, generated from the contract, and `iterate`. */
export interface ThreadsResource extends ThreadsMethods {
  /** Every thread from `after` (or the start) on, fetching pages while `hasMore`, following `lastId`. */
  iterate(query?: Omit<ListThreadsQuery, 'before'>, options?: RequestOptions): AsyncIterable<Thread>;
}

/** A resource per tag of the contract (`client.threads`), each with a method per operation. */
export interface FreddyClient extends Resources {
  threads: ThreadsResource;
  /**
   * Any operation by its `operationId`, e.g. `call('pinThread', { path: { thread_id } })`: path parameters
   * by name, `query` and `body`, typed by the contract, with the methods' retries, timeouts, idempotency
   * keys and errors. An id the contract does not have is a `FreddyError`.
   */
  call: OperationCall;
  /**
   * The openapi-fetch client underneath, for anything else: your `baseUrl`
   * (default: the Freddy host), `headers` and `Authorization: Bearer`, which
   * every operation accepts. No retries, timeouts or error classes.
   */
  raw: Client<paths>;
}

/**
 * openapi-fetch's `request`, seen without its per-path overloads: the route
 * is chosen at run time from the operation table, so the types are carried
 * by `call`'s operation id instead.
 */
type Transport = (
  method: string,
  path: string,
  init: object,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

interface Route {
  method: string;
  path: string;
  /** `POST /threads`, for log lines. */
  label: string;
  baseUrl: string;
  headers: Record<string, string | null> | undefined;
  /** Whether the operation takes an Idempotency-Key. */
  idempotencyKey: boolean;
}

export function createFreddyClient(options: FreddyClientOptions): FreddyClient {
  const { apiKey, bearerToken, baseUrl, timeoutMs = 60_000, maxRetries = 2, idempotencyKeys = true } = options;
  const maxResponseBytes = options.maxResponseBytes ?? 8 * 1024 * 1024;
  const debug = debugLog(options.logger, options.logLevel);
  const secret = bearerToken || apiKey || '';
  if (!secret) throw new FreddyError('createFreddyClient needs an apiKey or a bearerToken');

  const baseFetch = options.fetch ?? ((input: Request, init?: RequestInit) => fetch(input, init));
  const raw = createClient<paths>({
    baseUrl: baseUrl ?? clientRoutes.listThreads.server,
    fetch: baseFetch,
    headers: { ...options.headers, Authorization: `Bearer ${secret}` },
  });
  const transport = raw.request as Transport;

  // The host and credential header of each operation, from the contract's operation table:
  // an `apiKey` goes in the header of an API-key scheme where the operation accepts one.
  const routes = new Map<OperationId, Route>();
  for (const id of Object.keys(clientRoutes) as OperationId[]) {
    const op = clientRoutes[id];
    routes.set(id, {
      method: op.method,
      path: op.path,
      label: `${op.method} ${op.path}`,
      baseUrl: baseUrl ?? op.server,
      headers:
        apiKey && !bearerToken && op.apiKeyHeader ? { [op.apiKeyHeader]: apiKey, Authorization: null } : undefined,
      idempotencyKey: op.idempotencyKey,
    });
  }

  const send = async <K extends OperationId>(
    id: K,
    params: CallParams<K>,
    opts: RequestOptions | undefined,
  ): Promise<{ data: SuccessBody<K>; response: Response }> => {
    const route = routes.get(id);
    if (!route) throw new FreddyError(`Unknown operation ${id}`);
    const { label } = route;
    const { path, query, body } = params as { path?: Record<string, string>; query?: object; body?: unknown };
    const signal = opts?.signal;
    const retries = opts?.maxRetries ?? maxRetries;
    const ms = opts?.timeoutMs ?? timeoutMs;
    const headers = opts?.headers ? { ...route.headers, ...opts.headers } : { ...route.headers };
    // One key for the whole call: every retry says it is the same write.
    const idempotencyKey = route.idempotencyKey
      ? (opts?.idempotencyKey ?? (idempotencyKeys ? crypto.randomUUID() : undefined))
      : undefined;
    if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
    for (const name in path) {
      const value = path[name];
      // `.` and `..` are dot segments even percent-encoded; an empty id would address the collection.
      if (typeof value !== 'string' || value === '' || value === '.' || value === '..')
        throw new FreddyError(`Invalid ${name}: ${JSON.stringify(value)}`);
    }
    const timed = ms > 0 && ms < 2 ** 31;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      // Only made when something can abort: creating an AbortSignal is a measurable part of a call.
      const controller = timed || signal ? new AbortController() : undefined;
      const onAbort = () => controller?.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort);
      let timedOut = false;
      const timer = timed
        ? setTimeout(() => {
            timedOut = true;
            controller?.abort();
          }, ms)
        : undefined;
      let failure: FreddyError;
      let retryAfter: string | null = null;
      // Only retries carry it (absent means a first attempt): one header more on every call costs 1 % of one.
      if (attempt) headers['x-freddy-retry-count'] = String(attempt);
      debug?.(`${label} attempt ${attempt + 1}`);
      try {
        const { error, response } = await transport(route.method, route.path, {
          params: { path, query },
          body,
          baseUrl: route.baseUrl,
          headers,
          // Redirects are not followed: a credential must never reach another URL.
          redirect: 'manual',
          // A success's body is read below, within the bound; an error's is read within it here,
          // before openapi-fetch parses it. A redirect is never ok, so it is refused here too.
          parseAs: 'stream',
          fetch: (request: Request) =>
            // The signal goes to fetch, not into openapi-fetch's Request: fetch builds its own Request from
            // the one it is given, and following a signal from each costs more than one copy (2 % a call).
            baseFetch(request, controller && { signal: controller.signal }).then((response) =>
              response.ok ? response : boundedError(refuseRedirect(response), maxResponseBytes),
            ),
        });
        debug?.(`${label} answered ${response.status}`);
        if (response.ok) {
          const text = await readBounded(response, maxResponseBytes);
          // A 2xx got its answer: re-sending could repeat a write, so a bad body is an error, not a retry.
          if (!text) throw new FreddyError('Response body is empty');
          // A 2xx body is what the contract documents for this operation's 200.
          return { data: JSON.parse(text) as SuccessBody<K>, response };
        }
        failure = apiErrorFor(response.status, redact(error, secret), response.headers.get('x-request-id'));
        // An error names the key its call sent, so the caller can send the same write again safely.
        failure.idempotencyKey = idempotencyKey;
        if (!shouldRetry(response.status, response.headers.get('x-should-retry'))) throw failure;
        retryAfter = response.headers.get('retry-after');
      } catch (cause) {
        // An API error (a FreddyError) is thrown as it is; a connection error is retried.
        if (cause instanceof FreddyError && !(cause instanceof FreddyConnectionError)) throw cause;
        if (signal?.aborted) throw signal.reason;
        // A 2xx whose body is not JSON got its answer: re-sending could repeat a create.
        if (cause instanceof SyntaxError) throw new FreddyError('Response body is not valid JSON', { cause });
        failure = timedOut
          ? new FreddyTimeoutError(`Request timed out after ${ms} ms`)
          : new FreddyConnectionError('Connection error', { cause });
        failure.idempotencyKey = idempotencyKey;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      if (attempt >= retries) throw failure;
      const delay = retryDelayMs(attempt, retryAfter);
      debug?.(`${label} failed (${failure.name}), retrying in ${Math.round(delay)} ms`);
      await sleep(delay, signal);
    }
  };

  const call: OperationCall = (id, args, opts) => apiPromise(send(id, args, opts));

  const methods = resources(call);
  const { list } = methods.threads;
  // `iterate` is written here, over the generated `list`: the contract has no operation for it.
  const threads: ThreadsResource = {
    ...methods.threads,
    async *iterate(query = {}, options) {
      let page: ThreadList;
      let after = query.after;
      // Every cursor followed: a server that hands one back again, the same page or a cycle of
      // pages, would otherwise keep this loop going forever.
      const seen = new Set([after]);
      do {
        page = await list({ ...query, after }, options);
        yield* page.data;
        after = page.lastId ?? undefined;
        if (page.hasMore && after !== undefined && seen.has(after))
          throw new FreddyError(`Pagination did not advance past ${after}`);
        seen.add(after);
      } while (page.hasMore && after);
    },
  };

  return { ...methods, threads, call, raw };
}
