/**
 * Timeouts and cancellation against a server that holds requests open: the
 * client must give up by its own AbortSignal, retry a timed-out attempt, and
 * stop at once, without retrying, when the caller's signal aborts.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFreddyClient, FreddyConnectionError, FreddyTimeoutError } from '../src/index.js';
import { type FaultServer, startFaultServer, threadFixture } from './support/fault-server.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const ok = { status: 200, body: threadFixture() };
const client = (options: { timeoutMs?: number; maxRetries?: number } = {}) =>
  createFreddyClient({ bearerToken: 'tok_secret', baseUrl: server.url, ...options });

describe('timeouts', () => {
  test('an attempt that gets no answer times out, is retried, and the retry answers', async () => {
    server.script('hang', ok);
    // Generous, so that the answered retry never times out on a slow machine.
    const thread = await client({ timeoutMs: 1_000 }).threads.retrieve('thread_abc123');
    expect(thread.id).toBe('thread_abc123');
    expect(server.requests).toHaveLength(2);
  });

  // Timeouts of a second, not less: on a busy machine a shorter attempt can end
  // before its request reaches the server, which then counts it in the next test.
  test('when every attempt times out: FreddyTimeoutError after 1 + maxRetries attempts', async () => {
    server.script('hang');
    const error = await client({ timeoutMs: 1_000, maxRetries: 1 })
      .threads.retrieve('thread_abc123')
      .catch((e) => e);
    expect(error).toBeInstanceOf(FreddyTimeoutError);
    expect(error).toBeInstanceOf(FreddyConnectionError);
    expect(error.message).toContain('1000 ms');
    expect(server.requests).toHaveLength(2);
  });

  test('the per-call timeoutMs wins over the client one', async () => {
    server.script('hang');
    const error = await client({ timeoutMs: 60_000, maxRetries: 0 })
      .threads.list({}, { timeoutMs: 1_000 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FreddyTimeoutError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("the caller's signal", () => {
  test('aborting during a request rejects with the abort reason and does not retry', async () => {
    server.script('hang');
    const controller = new AbortController();
    const call = client({ timeoutMs: 0 }).threads.retrieve('thread_abc123', { signal: controller.signal });
    await server.received(1);
    controller.abort();
    const error = await call.catch((e) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('AbortError');
    expect(server.requests).toHaveLength(1);
  });

  test('aborting during the wait before a retry stops at once', async () => {
    // The server asks for a 30 s wait; the test would time out if the client slept through the abort.
    server.script({
      status: 429,
      body: { error: { message: 'slow down', type: 'rate_limit_error', code: 'rate_limited' } },
      headers: { 'retry-after': '30' },
    });
    const controller = new AbortController();
    const reason = new Error('user navigated away');
    const call = client().threads.pin('thrd_abc123', { signal: controller.signal });
    await server.received(1);
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  test('an already aborted signal sends nothing', async () => {
    server.script(ok);
    const reason = new Error('already cancelled');
    await expect(client().threads.retrieve('thread_abc123', { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    expect(server.requests).toHaveLength(0);
  });

  test('iterate stops when the signal aborts between pages', async () => {
    const page = (id: string, hasMore: boolean) => ({
      status: 200,
      body: { object: 'list', data: [threadFixture(id)], firstId: id, lastId: id, hasMore },
    });
    server.script(page('thread_1', true), page('thread_2', true), page('thread_3', false));
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const thread of client().threads.iterate({ limit: 1 }, { signal: controller.signal })) {
        seen.push(thread.id);
        if (seen.length === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['thread_1', 'thread_2']);
    expect(server.requests).toHaveLength(2);
  });
});
