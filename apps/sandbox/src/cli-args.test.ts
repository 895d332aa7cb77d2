import { describe, expect, it } from 'vitest';
import { parseRateLimit } from './cli-args.js';

describe('parseRateLimit', () => {
  it('reads a limit per window with a unit', () => {
    expect(parseRateLimit('100/60s')).toEqual({ limit: 100, windowMs: 60_000 });
    expect(parseRateLimit('1000/1m')).toEqual({ limit: 1000, windowMs: 60_000 });
    expect(parseRateLimit('5/m')).toEqual({ limit: 5, windowMs: 60_000 });
    expect(parseRateLimit('10/500ms')).toEqual({ limit: 10, windowMs: 500 });
  });

  it('refuses what it cannot read', () => {
    for (const bad of ['100', '100/60', 'ten/60s', '0/60s', '100/0s', '-1/60s']) {
      expect(() => parseRateLimit(bad), bad).toThrow(/rate-limit/);
    }
  });
});
