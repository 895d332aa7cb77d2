import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('counts per key, refuses past the limit, and starts afresh in the next window', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000 });
    const t0 = 1_700_000_000_000;
    expect(limiter.take('a', t0)).toEqual({ limit: 2, remaining: 1, reset: 1_700_000_060 });
    expect(limiter.take('a', t0 + 1_000).remaining).toBe(0);
    const refused = limiter.take('a', t0 + 30_500);
    expect(refused.retryAfter).toBe(30);
    expect(refused.remaining).toBe(0);
    expect(limiter.take('b', t0 + 30_500).retryAfter).toBeUndefined();
    const next = limiter.take('a', t0 + 60_000);
    expect(next.retryAfter).toBeUndefined();
    expect(next.remaining).toBe(1);
  });
});

describe('RateLimiter windows, for saving', () => {
  it('hands over the windows that changed, once; restores saved ones; forgets a key', () => {
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 });
    const t0 = 1_700_000_000_000;
    limiter.take('a', t0);
    limiter.take('a', t0 + 1);
    limiter.take('b', t0 + 2);
    expect(limiter.takeChanged()).toEqual([
      ['a', { start: t0, count: 2 }],
      ['b', { start: t0 + 2, count: 1 }],
    ]);
    expect(limiter.takeChanged()).toEqual([]);

    const restarted = new RateLimiter({ limit: 3, windowMs: 60_000 });
    restarted.restore([['a', { start: t0, count: 2 }]]);
    expect(restarted.take('a', t0 + 10).remaining).toBe(0);
    restarted.forget(['a']);
    expect(restarted.take('a', t0 + 20).remaining).toBe(2);
  });
});
