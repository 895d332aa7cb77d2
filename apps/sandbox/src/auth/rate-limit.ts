/** A fixed-window request counter per key, in memory (a sandbox runs as one process). */
export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  reset: number;
  /** Whole seconds until the window resets; set when the request is refused. */
  retryAfter?: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly config: RateLimitConfig) {}

  get limit(): number {
    return this.config.limit;
  }

  get windowMs(): number {
    return this.config.windowMs;
  }

  /** Counts one request for `key` and says whether it may go ahead. */
  take(key: string, now = Date.now()): RateLimitState {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.config.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    const resetMs = window.start + this.config.windowMs;
    const reset = Math.ceil(resetMs / 1000);
    if (window.count >= this.config.limit) {
      return {
        limit: this.config.limit,
        remaining: 0,
        reset,
        retryAfter: Math.max(1, Math.ceil((resetMs - now) / 1000)),
      };
    }
    window.count++;
    return { limit: this.config.limit, remaining: this.config.limit - window.count, reset };
  }
}
