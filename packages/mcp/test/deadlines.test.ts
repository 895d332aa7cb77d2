/**
 * The calls' deadlines share one timer per length (src/tools/deadlines.ts):
 * each call still expires at its own time, in order, and a call that ended
 * never does. On a fake clock, so nothing here waits.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startDeadline } from '../src/tools/deadlines.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('deadlines of one length', () => {
  test('each call expires at its own time, not the first one’s', () => {
    const expired: string[] = [];
    startDeadline(1_000, () => expired.push('a'));
    vi.advanceTimersByTime(300);
    startDeadline(1_000, () => expired.push('b'));
    vi.advanceTimersByTime(699);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['a']);
    vi.advanceTimersByTime(299);
    expect(expired).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['a', 'b']);
  });

  test('a call that ended never expires; the next still does, at its time', () => {
    const expired: string[] = [];
    const stopA = startDeadline(2_000, () => expired.push('a'));
    vi.advanceTimersByTime(500);
    startDeadline(2_000, () => expired.push('b'));
    stopA();
    vi.advanceTimersByTime(1_500);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(expired).toEqual(['b']);
    // After an idle spell, a new call gets the whole length again.
    vi.advanceTimersByTime(10_000);
    startDeadline(2_000, () => expired.push('c'));
    vi.advanceTimersByTime(1_999);
    expect(expired).toEqual(['b']);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(['b', 'c']);
  });

  test('lengths do not wait on each other', () => {
    const expired: string[] = [];
    startDeadline(5_000, () => expired.push('long'));
    startDeadline(100, () => expired.push('short'));
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['short']);
    vi.advanceTimersByTime(4_900);
    expect(expired).toEqual(['short', 'long']);
  });
});
