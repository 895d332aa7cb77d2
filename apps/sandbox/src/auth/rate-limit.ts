/**
 * A fixed-window request counter per key, in memory (a sandbox runs as one
 * process): the map is the source of truth, and the windows that changed
 * since the last save are remembered, so they can be written to the database
 * now and then (store/rate-limits.ts) and survive a restart.
 */
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

export interface RateWindow {
  start: number;
  count: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, RateWindow>();
  /** Keys whose window changed since `takeChanged()` last ran. */
  private changed = new Set<string>();

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
    this.changed.add(key);
    return { limit: this.config.limit, remaining: this.config.limit - window.count, reset };
  }

  /** Puts back windows saved by an earlier run. */
  restore(windows: Iterable<[string, RateWindow]>): void {
    for (const [key, window] of windows) this.windows.set(key, { ...window });
  }

  /** The windows changed since the last call, for saving. */
  takeChanged(): [string, RateWindow][] {
    const keys = this.changed;
    this.changed = new Set();
    return [...keys].flatMap((key) => {
      const window = this.windows.get(key);
      return window ? [[key, { ...window }] as [string, RateWindow]] : [];
    });
  }

  /** Starts these keys afresh (a reset of their organization). */
  forget(keys: Iterable<string>): void {
    for (const key of keys) {
      this.windows.delete(key);
      this.changed.delete(key);
    }
  }
}
