/**
 * Retries never duplicate a write: each POST carries an Idempotency-Key, the
 * same on every retry of the call, fresh for the next call. The proof puts a
 * proxy between the client and the reference server that lets the first
 * create commit and then loses its answer (the connection dropped, or a 500
 * instead): with keys the sandbox holds one new thread; without, two.
 */
import { describeContract } from '@freddy/spec';
import { type LossyProxy, startLossyProxy, useSandbox } from '@freddy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createFreddyClient } from '../src/index.js';
import { type FaultServer, startFaultServer, threadFixture } from './support/fault-server.js';
import { callOperation, exampleAnswer } from './support/operation-calls.js';

const { operations } = describeContract();

describe('the key a call sends', () => {
  test('one per POST call, the same on each retry, none on a GET; a caller may choose it', async () => {
    const server = await startFaultServer();
    try {
      const client = createFreddyClient({ apiKey: 'ak_x', baseUrl: server.url, timeoutMs: 0 });
      server.script({ status: 503, body: {} }, { status: 200, body: threadFixture() });
      await client.threads.create({ title: 'a' });
      const [first, retry] = server.requests.map((r) => r.headers['idempotency-key']);
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(retry).toBe(first);

      server.script({ status: 200, body: threadFixture() });
      await client.threads.create({ title: 'a' });
      expect(server.requests[0]!.headers['idempotency-key']).not.toBe(first);
      await client.threads.retrieve('thread_abc123');
      expect(server.requests[1]!.headers['idempotency-key']).toBeUndefined();
      await client.threads.pin('thrd_abc123', { idempotencyKey: 'my-key-1' });
      expect(server.requests[2]!.headers['idempotency-key']).toBe('my-key-1');

      const off = createFreddyClient({ apiKey: 'ak_x', baseUrl: server.url, idempotencyKeys: false });
      await off.threads.create({});
      expect(server.requests[3]!.headers['idempotency-key']).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe('every operation', () => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(() => server.close());

  test.each(operations.map((op) => [op.id, op] as const))(
    '%s sends a key exactly when its contract declares Idempotency-Key, the same on its retry',
    async (_, op) => {
      const client = createFreddyClient({ apiKey: 'ak_x', baseUrl: server.url, timeoutMs: 0 });
      server.script({ status: 503, body: {} }, { status: 200, body: exampleAnswer(op) });
      await callOperation(client, op);
      const keys = server.requests.map((r) => r.headers['idempotency-key']);
      expect(keys).toHaveLength(2);
      if (op.parameters.header.some((parameter) => parameter.name === 'Idempotency-Key')) {
        expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
        expect(keys[1]).toBe(keys[0]);
      } else {
        expect(keys).toEqual([undefined, undefined]);
      }
    },
  );

  test('the contract has operations of both kinds, so both branches above run', () => {
    const declares = operations.map((op) => op.parameters.header.some((p) => p.name === 'Idempotency-Key'));
    expect(new Set(declares)).toEqual(new Set([true, false]));
  });
});

describe('a create whose answer is lost after it committed', () => {
  const sandbox = useSandbox();
  let proxy: LossyProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
  });

  async function threadsWithTitle(title: string): Promise<number> {
    const res = await fetch(`${sandbox.current.url}/threads?limit=100`, {
      headers: { authorization: `Bearer ${sandbox.current.credentials.demo.apiKey}` },
    });
    const page = (await res.json()) as { data: { title: string | null }[] };
    return page.data.filter((thread) => thread.title === title).length;
  }

  for (const loss of ['drop the connection', 'answer 500'] as const) {
    for (const idempotencyKeys of [true, false]) {
      const expected = idempotencyKeys ? 1 : 2;
      test(`${loss}: with keys ${idempotencyKeys ? 'on' : 'off'}, the retry leaves ${expected} thread(s)`, async () => {
        proxy = await startLossyProxy(sandbox.current.url);
        proxy.loseNext((method, url) => method === 'POST' && url === '/v1/threads', loss);
        const title = `lost answer, ${loss}, keys ${idempotencyKeys}`;
        const client = createFreddyClient({
          apiKey: sandbox.current.credentials.demo.apiKey,
          baseUrl: proxy.url,
          idempotencyKeys,
          // The retry is what is under test, not the backoff.
          timeoutMs: 0,
        });
        const thread = await client.threads.create({ title });
        expect(thread.title).toBe(title);
        expect(await threadsWithTitle(title)).toBe(expected);
      });
    }
  }
});
