/**
 * What a client is configured with, and what each call may override: the
 * types the client (`client.ts`) and the per-operation call types
 * (`operation-types.ts`) both read, kept apart so neither imports the other.
 * Every optional field also takes `undefined`, read as absent (as openai-node
 * declares its options), so a consumer under `exactOptionalPropertyTypes`
 * can pass `process.env.FREDDY_API_KEY` or an optional timeout as it is.
 */
import type { Logger, LogLevel } from './logger.js';

export interface FreddyClientOptions {
  /** An `ak_…` key: sent as `X-API-Key` where the operation accepts it (pin, unpin), as a bearer token elsewhere. */
  apiKey?: string | undefined;
  /** A bearer token, sent as `Authorization: Bearer …` to every operation. Wins over `apiKey`. */
  bearerToken?: string | undefined;
  /**
   * Send every operation here (e.g. the sandbox's `http://127.0.0.1:4010/v1`).
   * Without it each operation goes to its own host from the contract.
   */
  baseUrl?: string | undefined;
  /**
   * A WHATWG `fetch`; defaults to the global one. Called as
   * `fetch(request, { signal })` (no second argument when neither a timeout
   * nor a caller's signal can abort the call): pass the signal on, or
   * timeouts and cancellation cannot abort the request.
   */
  fetch?: ((input: Request, init?: RequestInit) => Promise<Response>) | undefined;
  /** Per-attempt timeout in ms (default 60 000; 0 or `Infinity` for none). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt on connection errors, timeouts, 408, 409, 429 and 5xx (default 2). */
  maxRetries?: number | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /**
   * Send a fresh `Idempotency-Key` with every write the contract lets take
   * one (every `POST`), the same on each retry of a call, so a retried write
   * is never done twice (default true).
   */
  idempotencyKeys?: boolean | undefined;
  /** A response body larger than this is refused, not read (default 8 MiB). */
  maxResponseBytes?: number | undefined;
  /** Where log lines go (default `console`). */
  logger?: Logger | undefined;
  /** Which lines (default `FREDDY_LOG`, else `warn`); `debug` logs every attempt, status and retry. */
  logLevel?: LogLevel | undefined;
}

/** Per-call overrides; the last argument of every method. */
export interface RequestOptions {
  /** Aborts the call at once, including a wait between retries; it rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  headers?: Record<string, string> | undefined;
  /** This call's `Idempotency-Key` (writes that take one); by default a fresh UUID per call. */
  idempotencyKey?: string | undefined;
}
