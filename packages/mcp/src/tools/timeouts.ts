/**
 * How long a tool call may take, so that a host always gets an answer: the
 * SDK's clients, and most hosts, give up on a request after 60 s. Each API
 * attempt is cut at `FREDDY_TIMEOUT_MS` (15 s by default, not the client's
 * 60 s: a host would give up before the first retry), and the whole call,
 * retries and waits included, at three attempts and 5 s more (50 s by
 * default), whatever a `Retry-After` asks.
 */

/** The request timeout of the SDK's clients and of most hosts. */
export const HOST_REQUEST_TIMEOUT_MS = 60_000;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 15_000;
/** The first attempt and the client's two retries. */
export const MAX_RETRIES = 2;
/** The waits between attempts (0.5 s, then 1 s) and room to answer. */
export const SLACK_MS = 5_000;

/** The most a call may take, its attempts, waits and answer included. */
export function callDeadlineMs(attemptTimeoutMs: number): number {
  return attemptTimeoutMs * (MAX_RETRIES + 1) + SLACK_MS;
}
