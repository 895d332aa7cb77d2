/** When to retry, and how long to wait first. Modelled on openai-node's policy. */

const INITIAL_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** A `Retry-After` longer than this is cut to it: a client should not hang for an hour. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * 408, 429 and 5xx may succeed on a second try, and so may 409: in this API
 * it means a request with the same Idempotency-Key is still running. Other
 * 4xx will not. A server's `x-should-retry: true|false` overrides the status.
 */
export function shouldRetry(status: number, shouldRetryHeader: string | null): boolean {
  if (shouldRetryHeader === 'true') return true;
  if (shouldRetryHeader === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before retry number `retriesDone + 1`: the server's
 * `Retry-After` (seconds, or an HTTP date; a date already past means now) up
 * to `MAX_RETRY_AFTER_MS`, else exponential backoff (0.5 s, 1 s, 2 s … up to
 * 8 s) less up to 25 % jitter so that clients failing together do not retry
 * together. A value that is neither (negative, not a number) is ignored.
 */
export function retryDelayMs(retriesDone: number, retryAfter?: string | null, random: number = Math.random()): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds >= 0 ? seconds * 1000 : Number.NaN;
    if (!Number.isNaN(ms)) return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
  }
  return Math.min(INITIAL_DELAY_MS * 2 ** retriesDone, MAX_BACKOFF_MS) * (1 - random * 0.25);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
