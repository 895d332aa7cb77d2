/** Counts the request against its key's rate limit; every later answer carries the limit's headers. */
import type { RateLimiter } from '../../auth/rate-limit.js';
import { errors } from '../errors.js';
import type { Exchange } from '../exchange.js';

/** Throws the documented 429 (with `Retry-After`) once the key's window is used up. */
export function limitRate(exchange: Exchange, limiter: RateLimiter, keyHash: string): void {
  const state = limiter.take(keyHash);
  exchange.carried = {
    'x-ratelimit-limit': state.limit,
    'x-ratelimit-remaining': state.remaining,
    'x-ratelimit-reset': state.reset,
  };
  if (state.retryAfter !== undefined) throw errors.rateLimited(limiter.limit, limiter.windowMs, state.retryAfter);
}
