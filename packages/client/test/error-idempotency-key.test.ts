/**
 * A write that fails names the `Idempotency-Key` it sent (the same on every
 * attempt), so a caller that gets no answer can send the same write again
 * with it and have it done at most once. A read sends none and names none.
 */
import { describe, expect, test } from 'vitest';
import { createFreddyClient, FreddyApiError, FreddyConnectionError, FreddyTimeoutError } from '../src/index.js';
import { startFaultServer } from './support/fault-server.js';

describe("a failed call's error carries the Idempotency-Key it sent", () => {
  test.each([
    ['a lost connection on every attempt', 'reset', FreddyConnectionError],
    ['a 503 on every attempt', { status: 503, body: { error: { message: 'down' } } }, FreddyApiError],
    ['a 404', { status: 404, body: { error: { message: 'gone', code: 'thread_not_found' } } }, FreddyApiError],
  ] as const)('%s', async (_, step, errorClass) => {
    const server = await startFaultServer();
    try {
      const client = createFreddyClient({ apiKey: 'ak_x', baseUrl: server.url, maxRetries: 1, timeoutMs: 0 });
      server.script(step);
      const error = await client.threads.create({ title: 'a' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(errorClass);
      const sent = server.requests.map((request) => request.headers['idempotency-key']);
      expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(sent).size).toBe(1);
      expect((error as FreddyApiError).idempotencyKey).toBe(sent[0]);
    } finally {
      await server.close();
    }
  });

  test("a timeout names the caller's own key; a read names none", async () => {
    const server = await startFaultServer();
    try {
      const client = createFreddyClient({ apiKey: 'ak_x', baseUrl: server.url, maxRetries: 0, timeoutMs: 200 });
      server.script('hang');
      const timeout = await client.threads
        .pin('thrd_1', { idempotencyKey: 'mine-1' })
        .catch((caught: unknown) => caught);
      expect(timeout).toBeInstanceOf(FreddyTimeoutError);
      expect((timeout as FreddyTimeoutError).idempotencyKey).toBe('mine-1');
      const read = await client.threads.retrieve('thread_1').catch((caught: unknown) => caught);
      expect(read).toBeInstanceOf(FreddyTimeoutError);
      expect((read as FreddyTimeoutError).idempotencyKey).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
