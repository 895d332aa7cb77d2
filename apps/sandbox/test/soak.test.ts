/**
 * A bounded soak: valid and hostile traffic from many connections at once,
 * against a real server process. It ends with no 5xx, no dropped request, the
 * process alive, and resident memory within a stated bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentBytes, soak } from '../bench/soak.mjs';
import { type RunningCli, runCli } from './cli-process.js';

/** The server process stays under this, whatever the traffic (it idles near 80 MB). */
const RSS_BOUND_BYTES = 256 * 1024 * 1024;

let cli: RunningCli;
beforeAll(async () => {
  cli = await runCli(['--memory', '--no-rate-limit']);
}, 120_000);
afterAll(() => {
  cli?.child.kill('SIGTERM');
});

describe('a 10 s soak over 32 connections', () => {
  it('ends with zero 5xx, every request answered, the process alive and memory bounded', async () => {
    const figures = await soak({
      port: Number(new URL(cli.url).port),
      pid: cli.child.pid,
      key: cli.apiKey,
      seconds: 10,
      connections: 32,
    });
    expect(figures.requests).toBeGreaterThan(0);
    expect(figures.serverErrors, JSON.stringify(figures.statuses)).toBe(0);
    expect(figures.transportErrors, JSON.stringify(figures.statuses)).toBe(0);
    expect(figures.statuses[400]).toBeGreaterThan(0);
    expect(figures.statuses[413]).toBeGreaterThan(0);
    expect(cli.child.exitCode).toBeNull();
    expect(figures.peakRss).toBeLessThan(RSS_BOUND_BYTES);
    expect(residentBytes(cli.child.pid!)).toBeLessThan(RSS_BOUND_BYTES);
    const after = await fetch(`${cli.url}/threads?limit=1`, { headers: { authorization: `Bearer ${cli.apiKey}` } });
    expect(after.status).toBe(200);
  }, 120_000);
});
