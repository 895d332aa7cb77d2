import { describe, expect, it } from 'vitest';
import { parseFaults } from './faults.js';
import { parsePreferences } from './sandbox-parameters.js';

describe('parsePreferences', () => {
  it('reads RFC 7240 preferences: tokens, values, quotes, parameters, repeats', () => {
    expect(Object.fromEntries(parsePreferences('code=404, example="ThreadNotFoundSeed"'))).toEqual({
      code: '404',
      example: 'ThreadNotFoundSeed',
    });
    expect(Object.fromEntries(parsePreferences('Return=minimal; x=1, respond-async,, code=500, code=200'))).toEqual({
      return: 'minimal',
      'respond-async': '',
      code: '500',
    });
  });
});

describe('parseFaults', () => {
  it('reads a list of faults', () => {
    expect(parseFaults('latency=250, error-after-commit')).toEqual([
      { kind: 'latency', ms: 250 },
      { kind: 'error-after-commit' },
    ]);
    expect(parseFaults('reset')).toEqual([{ kind: 'reset' }]);
    expect(parseFaults('timeout')).toEqual([{ kind: 'timeout' }]);
  });

  it('refuses what it cannot read', () => {
    for (const bad of ['', 'latency', 'latency=-1', 'latency=1.5', 'latency=999999', 'slow', 'reset,boom']) {
      expect(() => parseFaults(bad), bad).toThrow(/fault|latency/);
    }
  });
});
