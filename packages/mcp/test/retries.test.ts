/**
 * A write is never done twice, whatever the agent does (issue 25 §2): the
 * SDK's client calls a server in this process whose API calls go through a
 * proxy that loses answers after the reference server committed the write,
 * or never passes them on. A write left without an answer is a result that
 * says its outcome is unknown and names its key; the identical call again,
 * with or without that key, after such a result or after the host's own
 * timeout, leaves one thread; and every call is answered.
 */
import { createFreddyClient } from '@freddy/client';
import { type LossyProxy, startLossyProxy, useSandbox } from '@freddy/testing';
import { SdkErrorCode } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WriteKeyMemory } from '../src/tools/write-keys.js';
import { type Connected, call, connectInMemory, text } from './support/mcp-clients.js';

const sandbox = useSandbox();
const KEY_IN_RESULT = /"idempotency_key": "([^"]+)"/;

async function threadsTitled(title: string): Promise<number> {
  const res = await fetch(`${sandbox.current.url}/threads?limit=100`, {
    headers: { authorization: `Bearer ${sandbox.current.credentials.demo.apiKey}` },
  });
  const page = (await res.json()) as { data: { title: string | null }[] };
  return page.data.filter((thread) => thread.title === title).length;
}

const postsToThreads = (method: string, url: string) => method === 'POST' && url === '/v1/threads';
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2)}`;

describe('an answer lost after the write committed, on every attempt', () => {
  let proxy: LossyProxy;
  let mcp: Connected;
  beforeAll(async () => {
    proxy = await startLossyProxy(sandbox.current.url);
    // No retries, so that one lost answer is the call's last: the retries are the client's own test.
    const client = createFreddyClient({
      apiKey: sandbox.current.credentials.demo.apiKey,
      baseUrl: proxy.url,
      maxRetries: 0,
    });
    mcp = await connectInMemory(client);
  });
  afterAll(async () => {
    await mcp?.close();
    await proxy?.close();
  });

  test.each(['drop the connection', 'answer 500'] as const)(
    '%s: the result says the outcome is unknown and names the key; the identical call again leaves one thread',
    async (loss) => {
      const title = unique(loss);
      proxy.loseNext(postsToThreads, loss);
      const before = proxy.forwarded.length;
      const lost = await call(mcp.client, 'create_thread', { title });
      expect(lost.isError).toBe(true);
      expect(text(lost)).toMatch(
        /^The outcome is unknown: .+, so create_thread may have been done\. To retry it safely/,
      );
      const key = KEY_IN_RESULT.exec(text(lost))?.[1];
      const sent = proxy.forwarded.slice(before).filter((request) => request.method === 'POST');
      expect(sent).toHaveLength(1);
      expect(key).toBe(sent[0]!.idempotencyKey);
      expect(JSON.parse(text(lost).split('\n')[1]!)).toMatchObject({
        error: { outcome: 'unknown', idempotency_key: key },
      });
      expect(await threadsTitled(title)).toBe(1);

      // The agent does what most agents do: the same call again, without the key. It is sent with it.
      const again = await call(mcp.client, 'create_thread', { title });
      expect(again.isError, text(again)).toBeFalsy();
      expect(proxy.forwarded.at(-1)!.idempotencyKey).toBe(key);
      expect(await threadsTitled(title)).toBe(1);
    },
  );

  test('the key the result names, given by the agent to another server (a restart), leaves one thread too', async () => {
    const title = unique('restart');
    proxy.loseNext(postsToThreads);
    const key = KEY_IN_RESULT.exec(text(await call(mcp.client, 'create_thread', { title })))![1]!;
    const fresh = await connectInMemory(
      createFreddyClient({ apiKey: sandbox.current.credentials.demo.apiKey, baseUrl: proxy.url }),
    );
    try {
      const again = await call(fresh.client, 'create_thread', { title, idempotency_key: key });
      expect(again.isError, text(again)).toBeFalsy();
      expect(await threadsTitled(title)).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  test('a write that got an answer is forgotten: the same create again is a second thread, as asked', async () => {
    const title = unique('twice on purpose');
    const keys = [];
    for (let i = 0; i < 2; i++) {
      expect((await call(mcp.client, 'create_thread', { title })).isError).toBeFalsy();
      keys.push(proxy.forwarded.at(-1)!.idempotencyKey);
    }
    expect(keys[1]).not.toBe(keys[0]);
    expect(await threadsTitled(title)).toBe(2);
    // And a refusal is an answer too: the pin of a missing thread, twice, sends two keys.
    for (let i = 0; i < 2; i++) {
      expect(text(await call(mcp.client, 'pin_thread', { thread_id: 'thrd_missing' }))).toMatch(/answered 404/);
      keys.push(proxy.forwarded.at(-1)!.idempotencyKey);
    }
    expect(keys[3]).not.toBe(keys[2]);
  });
});

describe('an API that takes a write and never answers', () => {
  let proxy: LossyProxy;
  beforeAll(async () => {
    proxy = await startLossyProxy(sandbox.current.url);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  /** A server whose API attempts time out after `timeoutMs`, its whole call after `deadlineMs`, with one memory of keys. */
  function serve(timeoutMs: number, deadlineMs: number, writeKeys = new WriteKeyMemory().for('demo')) {
    const client = createFreddyClient({
      apiKey: sandbox.current.credentials.demo.apiKey,
      baseUrl: proxy.url,
      timeoutMs,
    });
    return connectInMemory(client, { writeKeys, deadlineMs });
  }

  test('identical creates, at once and after, each answered: outcome unknown while it hangs; one thread', async () => {
    const mcp = await serve(300, 60_000);
    try {
      const title = unique('hanging');
      proxy.hang(postsToThreads);
      const results = await Promise.all([1, 2, 3].map(() => call(mcp.client, 'create_thread', { title })));
      for (const result of results) {
        expect(result.isError).toBe(true);
        expect(text(result)).toMatch(
          /^The outcome is unknown: the request was sent, and no answer came \(request timed out after 300 ms, on every attempt\)/,
        );
      }
      // One key for the three: each call found the first's, still unsettled.
      const keys = new Set(results.map((result) => KEY_IN_RESULT.exec(text(result))?.[1]));
      expect(keys.size).toBe(1);
      proxy.hang(undefined);
      const again = await call(mcp.client, 'create_thread', { title });
      expect(again.isError, text(again)).toBeFalsy();
      expect(proxy.forwarded.at(-1)!.idempotencyKey).toBe([...keys][0]);
      expect(await threadsTitled(title)).toBe(1);
    } finally {
      proxy.hang(undefined);
      await mcp.close();
    }
  });

  test("the call's deadline answers it, whatever the attempts' timeout", async () => {
    const mcp = await serve(60_000, 500);
    try {
      const title = unique('deadline');
      proxy.hang(postsToThreads);
      const result = await call(mcp.client, 'create_thread', { title });
      expect(text(result)).toMatch(/^The outcome is unknown: the request was sent, and no answer within 500 ms/);
      // A read that hangs changes nothing, and says so.
      proxy.hang((method) => method === 'GET');
      const read = await call(mcp.client, 'list_threads', {});
      expect(text(read)).toMatch(
        /^The Freddy API did not answer in time \(no answer within 500 ms\); nothing was changed/,
      );
      proxy.hang(undefined);
      expect((await call(mcp.client, 'create_thread', { title })).isError).toBeFalsy();
      expect(await threadsTitled(title)).toBe(1);
    } finally {
      proxy.hang(undefined);
      await mcp.close();
    }
  });

  test('the host gives up first and cancels; the agent calls again; one thread', async () => {
    const mcp = await serve(60_000, 60_000);
    try {
      const title = unique('host timeout');
      proxy.hang(postsToThreads);
      const before = proxy.forwarded.length;
      const gaveUp = mcp.client.callTool({ name: 'create_thread', arguments: { title } }, { timeout: 300 });
      await expect(gaveUp).rejects.toMatchObject({ code: SdkErrorCode.RequestTimeout });
      // The request reached the API, which committed it; its answer never came back.
      await expect.poll(() => proxy.forwarded.length).toBeGreaterThan(before);
      await expect.poll(() => threadsTitled(title)).toBe(1);
      proxy.hang(undefined);
      const again = await call(mcp.client, 'create_thread', { title });
      expect(again.isError, text(again)).toBeFalsy();
      expect(proxy.forwarded.at(-1)!.idempotencyKey).toBe(proxy.forwarded[before]!.idempotencyKey);
      expect(await threadsTitled(title)).toBe(1);
    } finally {
      proxy.hang(undefined);
      await mcp.close();
    }
  });
});
