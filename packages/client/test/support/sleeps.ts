import { vi } from 'vitest';

const realSetTimeout = globalThis.setTimeout;

/**
 * Records the delay of every wait the client's `sleep` (src/retry.ts)
 * schedules and runs it at once, so a test can check which wait the client
 * chose (a `Retry-After`, a backoff step) without waiting or measuring time.
 * Other timers (sockets, the client's own timeouts) run untouched.
 */
export function recordSleeps() {
  const delays: number[] = [];
  const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    if (!new Error().stack?.includes('/src/retry.ts')) return realSetTimeout(callback, ms, ...args);
    delays.push(ms ?? 0);
    return realSetTimeout(callback, 0, ...args);
  }) as typeof setTimeout);
  return { delays, restore: () => spy.mockRestore() };
}
