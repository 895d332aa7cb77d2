import type {
  CreateThreadRequest,
  DeletedThread,
  ListThreadsQuery,
  OperationId,
  PinStatus,
  paths,
  Thread,
  ThreadList,
  UpdateThreadMetadataRequest,
  UpdateThreadRequest,
} from '@freddy/types';
import { operationTable } from '@freddy/types';
import openapiFetch, { type Client } from 'openapi-fetch';
import {
  apiErrorFor,
  FreddyApiError,
  FreddyConnectionError,
  FreddyError,
  FreddyTimeoutError,
  redact,
} from './errors.js';
import { isRetryableStatus, retryDelayMs, sleep } from './retry.js';

// openapi-fetch's CommonJS build sets `exports.default` without `__esModule`,
// so from our CJS build the default import is the module object, not the function.
const createClient = (openapiFetch as unknown as { default?: typeof openapiFetch }).default ?? openapiFetch;

export interface FreddyClientOptions {
  /** An `ak_…` key: sent as `X-API-Key` where the operation accepts it (pin, unpin), as a bearer token elsewhere. */
  apiKey?: string;
  /** A bearer token, sent as `Authorization: Bearer …` to every operation. Wins over `apiKey`. */
  bearerToken?: string;
  /**
   * Send every operation here (e.g. the sandbox's `http://127.0.0.1:4010/v1`).
   * Without it each operation goes to its own host from the contract.
   */
  baseUrl?: string;
  /** A WHATWG `fetch`; defaults to the global one. */
  fetch?: (input: Request) => Promise<Response>;
  /** Per-attempt timeout in ms (default 60 000; 0 or `Infinity` for none). */
  timeoutMs?: number;
  /** Retries after the first attempt on connection errors, timeouts, 408, 429 and 5xx (default 2). */
  maxRetries?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** Per-call overrides; the last argument of every method. */
export interface RequestOptions {
  /** Aborts the call at once, including a wait between retries; it rejects with the signal's reason. */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

export interface ThreadsResource {
  create(body?: CreateThreadRequest, options?: RequestOptions): Promise<Thread>;
  list(query?: ListThreadsQuery, options?: RequestOptions): Promise<ThreadList>;
  retrieve(threadId: string, options?: RequestOptions): Promise<Thread>;
  update(threadId: string, body: UpdateThreadRequest, options?: RequestOptions): Promise<Thread>;
  updateMetadata(threadId: string, body: UpdateThreadMetadataRequest, options?: RequestOptions): Promise<Thread>;
  delete(threadId: string, options?: RequestOptions): Promise<DeletedThread>;
  pin(threadId: string, options?: RequestOptions): Promise<PinStatus>;
  unpin(threadId: string, options?: RequestOptions): Promise<PinStatus>;
  /** Every thread from `after` (or the start) on, fetching pages while `hasMore`, following `lastId`. */
  iterate(query?: Omit<ListThreadsQuery, 'before'>, options?: RequestOptions): AsyncIterable<Thread>;
}

export interface FreddyClient {
  threads: ThreadsResource;
  /**
   * The openapi-fetch client underneath, for anything else: your `baseUrl`
   * (default: the Freddy host), `headers` and `Authorization: Bearer`, which
   * every operation accepts. No retries, timeouts or error classes.
   */
  raw: Client<paths>;
}

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: keyof paths;
  baseUrl: string;
  headers: Record<string, string | null> | undefined;
}

type Params = { path?: { thread_id: string }; query?: object };

export function createFreddyClient(options: FreddyClientOptions): FreddyClient {
  const { apiKey, bearerToken, baseUrl, timeoutMs = 60_000, maxRetries = 2 } = options;
  const secret = bearerToken || apiKey || '';
  if (!secret) throw new FreddyError('createFreddyClient needs an apiKey or a bearerToken');

  const raw = createClient<paths>({
    baseUrl: baseUrl ?? operationTable.listThreads.server,
    fetch: options.fetch,
    headers: { ...options.headers, Authorization: `Bearer ${secret}` },
  });

  // The host and auth header of each operation, from the contract's operation table.
  const routes = {} as Record<OperationId, Route>;
  for (const [id, op] of Object.entries(operationTable)) {
    routes[id as OperationId] = {
      method: op.method,
      path: op.path,
      baseUrl: baseUrl ?? op.server,
      headers:
        apiKey && !bearerToken && (op.security as readonly string[]).includes('ApiKeyAuth')
          ? { 'X-API-Key': apiKey, Authorization: null }
          : undefined,
    };
  }

  async function call(id: OperationId, params: Params, body: unknown, opts: RequestOptions = {}): Promise<never> {
    const route = routes[id];
    const { signal } = opts;
    const retries = opts.maxRetries ?? maxRetries;
    const ms = opts.timeoutMs ?? timeoutMs;
    const headers = opts.headers ? { ...route.headers, ...opts.headers } : route.headers;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener('abort', onAbort);
      let timedOut = false;
      const timer =
        ms > 0 && ms < 2 ** 31
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, ms)
          : undefined;
      let failure: FreddyError;
      let retryAfter: string | null = null;
      try {
        // The method is the route's; openapi-fetch's per-method overloads cannot be named by a variable.
        const { data, error, response } = await (raw as unknown as Record<Route['method'], typeof raw.GET>)[
          route.method
        ](route.path as never, { params, body, baseUrl: route.baseUrl, headers, signal: controller.signal } as never);
        if (response.ok) return data as never;
        failure = apiErrorFor(response.status, redact(error, secret), response.headers.get('x-request-id'));
        if (!isRetryableStatus(response.status)) throw failure;
        retryAfter = response.headers.get('retry-after');
      } catch (cause) {
        if (cause instanceof FreddyApiError) throw cause;
        if (signal?.aborted) throw signal.reason;
        // A 2xx whose body is not JSON got its answer: re-sending could repeat a create.
        if (cause instanceof SyntaxError) throw new FreddyError('Response body is not valid JSON', { cause });
        failure = timedOut
          ? new FreddyTimeoutError(`Request timed out after ${ms} ms`)
          : new FreddyConnectionError('Connection error', { cause });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      if (attempt >= retries) throw failure;
      await sleep(retryDelayMs(attempt, retryAfter), signal);
    }
  }

  const threadPath = (threadId: string): Params => {
    // `.` and `..` are dot segments even percent-encoded; an empty id would address the collection.
    if (typeof threadId !== 'string' || threadId === '' || threadId === '.' || threadId === '..')
      throw new FreddyError(`Invalid thread id: ${JSON.stringify(threadId)}`);
    return { path: { thread_id: threadId } };
  };

  const list = (query?: ListThreadsQuery, options?: RequestOptions): Promise<ThreadList> =>
    call('listThreads', { query }, undefined, options);

  const threads: ThreadsResource = {
    create: (body, options) => call('createThread', {}, body ?? {}, options),
    list,
    retrieve: async (threadId, options) => call('retrieveThread', threadPath(threadId), undefined, options),
    update: async (threadId, body, options) => call('updateThread', threadPath(threadId), body, options),
    updateMetadata: async (threadId, body, options) =>
      call('updateThreadMetadata', threadPath(threadId), body, options),
    delete: async (threadId, options) => call('deleteThread', threadPath(threadId), undefined, options),
    pin: async (threadId, options) => call('pinThread', threadPath(threadId), undefined, options),
    unpin: async (threadId, options) => call('unpinThread', threadPath(threadId), undefined, options),
    async *iterate(query = {}, options) {
      let page: ThreadList;
      let after = query.after;
      do {
        page = await list({ ...query, after }, options);
        yield* page.data;
        after = page.lastId ?? undefined;
      } while (page.hasMore && after);
    },
  };

  return { threads, raw };
}
