/**
 * Retries against a fault-injecting server on a real socket: which answers
 * are retried, how often, with which body, and how long the client chose to
 * wait (recorded, not measured).
 */
import { describeContract } from '@freddy/spec';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  createFreddyClient,
  type FreddyApiError,
  FreddyConnectionError,
  InternalServerError,
  RateLimitError,
} from '../src/index.js';
import { MAX_RETRY_AFTER_MS, retryDelayMs } from '../src/retry.js';
import { type FaultServer, startFaultServer, threadFixture } from './support/fault-server.js';
import { callOperation, exampleAnswer } from './support/operation-calls.js';
import { recordSleeps } from './support/sleeps.js';

const { operations } = describeContract();

let server: FaultServer;
let sleeps: ReturnType<typeof recordSleeps>;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
afterEach(() => sleeps?.restore());

const ok = { status: 200, body: threadFixture() };
const freddyError = (status: number, code = 'x') => ({
  status,
  body: { error: { message: `failed with ${status}`, type: 'api_error', code } },
});

function client(options: { maxRetries?: number } = {}) {
  sleeps?.restore();
  sleeps = recordSleeps();
  return createFreddyClient({ apiKey: 'ak_test_secret', baseUrl: server.url, timeoutMs: 0, ...options });
}

describe('what is retried', () => {
  test.each([408, 409, 429, 500, 502, 503, 504])('%i is retried, then the success is returned', async (status) => {
    server.script(freddyError(status), ok);
    const thread = await client().threads.retrieve('thread_abc123');
    expect(thread.id).toBe('thread_abc123');
    expect(server.requests).toHaveLength(2);
  });

  test.each([400, 401, 403, 404, 413, 415, 422])('%i is never retried', async (status) => {
    server.script(freddyError(status), ok);
    await expect(client().threads.retrieve('thread_abc123')).rejects.toMatchObject({ status });
    expect(server.requests).toHaveLength(1);
  });

  test('x-should-retry: true retries an otherwise final status, false forbids a retry', async () => {
    server.script({ ...freddyError(400), headers: { 'x-should-retry': 'true' } }, ok);
    await expect(client().threads.retrieve('thread_abc123')).resolves.toMatchObject({ id: 'thread_abc123' });
    expect(server.requests).toHaveLength(2);
    server.script({ ...freddyError(503), headers: { 'x-should-retry': 'false' } }, ok);
    await expect(client().threads.retrieve('thread_abc123')).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });

  test('each retry says its number in x-freddy-retry-count; a first attempt sends none', async () => {
    server.script(freddyError(503), freddyError(503), ok);
    await client().threads.retrieve('thread_abc123');
    expect(server.requests.map((r) => r.headers['x-freddy-retry-count'])).toEqual([undefined, '1', '2']);
  });

  test('a reset connection is retried', async () => {
    server.script('reset', ok);
    await expect(client().threads.retrieve('thread_abc123')).resolves.toMatchObject({ id: 'thread_abc123' });
    expect(server.requests).toHaveLength(2);
  });
});

describe('how often', () => {
  test('by default 2 retries: 3 attempts, then the last error', async () => {
    server.script(freddyError(503));
    const error: FreddyApiError = await client()
      .threads.retrieve('thread_abc123')
      .catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  test('connection errors give up with FreddyConnectionError after the retries', async () => {
    server.script('reset');
    const error = await client()
      .threads.list()
      .catch((e) => e);
    expect(error).toBeInstanceOf(FreddyConnectionError);
    expect(error.cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(3);
  });

  test('maxRetries on the client and per call', async () => {
    server.script(freddyError(500));
    await expect(client({ maxRetries: 0 }).threads.retrieve('thread_abc123')).rejects.toThrow(InternalServerError);
    expect(server.requests).toHaveLength(1);

    server.script(freddyError(500));
    await expect(client({ maxRetries: 0 }).threads.retrieve('t', { maxRetries: 4 })).rejects.toThrow();
    expect(server.requests).toHaveLength(5);
  });
});

describe('the request is re-sent intact', () => {
  test('method, path, query, headers and body are identical on every attempt', async () => {
    server.script(freddyError(500), 'reset', ok);
    const body = { metadata: { priority: 'high', note: 'ünïcödé ✓' }, title: 'Resolved Billing Issue' };
    await client().threads.update('thread_abc123', body, { headers: { 'x-trace': 'abc' } });
    expect(server.requests).toHaveLength(3);
    const [first, ...rest] = server.requests;
    expect(JSON.parse(first!.body)).toEqual(body);
    for (const attempt of rest) {
      expect(attempt.method).toBe(first!.method);
      expect(attempt.url).toBe(first!.url);
      expect(attempt.body).toBe(first!.body);
      expect(attempt.headers['x-trace']).toBe('abc');
      expect(attempt.headers.authorization).toBe(first!.headers.authorization);
    }
  });

  test.each(operations.map((op) => [op.id, op] as const))(
    '%s, write or not, is re-sent byte for byte after a 503 and a reset: method, path, body, key',
    async (_, op) => {
      server.script(freddyError(503), 'reset', { status: 200, body: exampleAnswer(op) });
      await expect(callOperation(client(), op)).resolves.toEqual(exampleAnswer(op));
      expect(server.requests).toHaveLength(3);
      const [first, ...rest] = server.requests;
      expect(first!.method).toBe(op.method);
      for (const attempt of rest) {
        expect(attempt.method).toBe(first!.method);
        expect(attempt.url).toBe(first!.url);
        expect(attempt.body).toBe(first!.body);
        expect(attempt.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
      }
    },
  );

  test('list with a query keeps its query string on retry', async () => {
    server.script(freddyError(502), {
      status: 200,
      body: { object: 'list', data: [], firstId: null, lastId: null, hasMore: false },
    });
    await client().threads.list({ limit: 5, order: 'asc' });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/threads?limit=5&order=asc',
      '/v1/threads?limit=5&order=asc',
    ]);
  });
});

describe('how long it waits', () => {
  test('Retry-After in seconds is honoured', async () => {
    server.script({ ...freddyError(429), headers: { 'retry-after': '7' } }, ok);
    await client().threads.retrieve('thread_abc123');
    expect(sleeps.delays).toEqual([7000]);
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    const date = new Date(Date.now() + 30_000).toUTCString();
    server.script({ ...freddyError(503), headers: { 'retry-after': date } }, ok);
    await client().threads.retrieve('thread_abc123');
    expect(sleeps.delays).toHaveLength(1);
    // The date has one-second resolution, so the wait is between 29 and 30 s.
    expect(sleeps.delays[0]).toBeGreaterThan(28_000);
    expect(sleeps.delays[0]).toBeLessThanOrEqual(30_000);
  });

  test('a Retry-After beyond the cap is cut to the cap', async () => {
    server.script({ ...freddyError(429), headers: { 'retry-after': '3600' } }, ok);
    await client().threads.retrieve('thread_abc123');
    expect(sleeps.delays).toEqual([MAX_RETRY_AFTER_MS]);
  });

  test('a rate limit that outlasts the retries ends in RateLimitError', async () => {
    server.script({ ...freddyError(429, 'rate_limit_exceeded'), headers: { 'retry-after': '1' } });
    await expect(client().threads.pin('thrd_abc123')).rejects.toThrow(RateLimitError);
    expect(sleeps.delays).toEqual([1000, 1000]);
    expect(server.requests).toHaveLength(3);
  });

  test('without Retry-After: exponential backoff with up to 25 % jitter', async () => {
    server.script(freddyError(500), freddyError(500), freddyError(500), ok);
    await client({ maxRetries: 3 }).threads.retrieve('thread_abc123');
    const [a, b, c] = sleeps.delays;
    expect(sleeps.delays).toHaveLength(3);
    expect(a).toBeGreaterThanOrEqual(375);
    expect(a).toBeLessThanOrEqual(500);
    expect(b).toBeGreaterThanOrEqual(750);
    expect(b).toBeLessThanOrEqual(1000);
    expect(c).toBeGreaterThanOrEqual(1500);
    expect(c).toBeLessThanOrEqual(2000);
  });
});

describe('retryDelayMs', () => {
  test('doubles from 0.5 s up to 8 s; jitter takes off at most a quarter', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n, null, 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(retryDelayMs(0, null, 1)).toBe(375);
    expect(retryDelayMs(3, null, 0.5)).toBe(3500);
  });

  test('Retry-After: seconds, fractions, dates in the past, garbage', () => {
    expect(retryDelayMs(0, '0', 0)).toBe(0);
    expect(retryDelayMs(0, '1.5', 0)).toBe(1500);
    expect(retryDelayMs(2, '120', 0)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(0, new Date(Date.now() - 60_000).toUTCString(), 0)).toBe(0);
    expect(retryDelayMs(1, 'soon', 0)).toBe(1000);
    // Negative seconds are not a delay the header can state: backoff instead.
    expect(retryDelayMs(1, '-5', 0)).toBe(1000);
    expect(retryDelayMs(0, '1e9', 0)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(0, new Date(Date.now() + 10 * 60_000).toUTCString(), 0)).toBe(MAX_RETRY_AFTER_MS);
  });
});
