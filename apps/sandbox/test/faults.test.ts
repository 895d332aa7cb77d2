/**
 * Faults on demand: each `X-Sandbox-Fault` does what it says, over real
 * HTTP, and the chaos rate injects them repeatably from its seed. The
 * assertions are about behaviour (answered or not, written or not), never
 * about how fast anything went.
 */
import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/index.js';
import { call, checkResponse, createThread, start, suiteSandbox } from './helpers.js';

const sandbox = suiteSandbox();
let key: string;

beforeAll(() => {
  key = sandbox.credentials.demo.apiKey;
});

const threadTitles = async (s: Sandbox, k: string) =>
  (await call(s, 'GET', '/threads?limit=100', { key: k })).body.data.map((t: { title: string }) => t.title);

function faulty(path: string, fault: string, init: RequestInit = {}, s = sandbox, k = key) {
  return fetch(`${s.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${k}`, 'x-sandbox-fault': fault, ...(init.headers as object) },
  });
}

describe('latency=MS', () => {
  it('answers, correctly, no sooner than MS later', async () => {
    const started = performance.now();
    const res = await faulty('/threads', 'latency=300');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { object: string }).object).toBe('list');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('holds a write’s answer, not the write, and works through the query parameter too', async () => {
    const res = await fetch(`${sandbox.url}/threads?__sandbox_fault=latency%3D200`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'late answer' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { title: string }).title).toBe('late answer');
  });
});

describe('reset', () => {
  it('drops the connection without an answer, and writes nothing', async () => {
    const error = await faulty('/threads', 'reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'never stored' }),
    }).then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(error?.cause?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    expect(await threadTitles(sandbox, key)).not.toContain('never stored');
  });
});

describe('error-after-commit', () => {
  it('commits the write, then answers the documented 500 (Freddy envelope)', async () => {
    const res = await faulty('/threads', 'error-after-commit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'stored, answered 500' }),
    });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(checkResponse('createThread', 500, body).errors).toBe('');
    expect(await threadTitles(sandbox, key)).toContain('stored, answered 500');
  });

  it('pins, then answers the documented 500 (platform envelope)', async () => {
    const thread = await createThread(sandbox, key);
    const res = await faulty(`/threads/${thread.id}/pin`, 'error-after-commit', { method: 'POST' });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; trace_id: string } };
    expect(checkResponse('pinThread', 500, body).errors).toBe('');
    expect(body.error.trace_id).toBe(res.headers.get('x-request-id'));
    const after = await call(sandbox, 'GET', `/threads/${thread.id}`, { key });
    expect(after.body.isPinned).toBe(true);
  });

  it('leaves a refused write refused: its real answer, nothing written', async () => {
    const res = await faulty('/threads/thread_missing', 'error-after-commit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x' }),
    });
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });
});

describe('timeout', () => {
  it('never answers, until the client gives up; the server keeps serving', async () => {
    const error = await faulty('/threads', 'timeout', { signal: AbortSignal.timeout(500) }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('TimeoutError');
    expect((await call(sandbox, 'GET', '/threads', { key })).status).toBe(200);
  });

  it('is not cut short by the request timeout, and close() does not wait for it', async () => {
    const short = await start({ requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 });
    const socket = connect(short.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      `GET /v1/threads HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${short.credentials.demo.apiKey}\r\n` +
        'x-sandbox-fault: timeout\r\n\r\n',
    );
    // Past the request timeout and node's once-a-second check: still no answer, still connected.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(received).toBe('');
    expect(socket.destroyed).toBe(false);
    await short.close();
    await closed;
    expect(received).toBe('');
  });
});

describe('a fault the sandbox does not know', () => {
  it('is a 400 naming the faults it does', async () => {
    const res = await call(sandbox, 'GET', '/threads', { key, headers: { 'x-sandbox-fault': 'explode' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_fault', param: 'X-Sandbox-Fault' });
    expect(res.body.error.message).toContain('latency=MS, reset, error-after-commit and timeout');
    const latency = await call(sandbox, 'GET', '/threads', { key, headers: { 'x-sandbox-fault': 'latency=soon' } });
    expect(latency.status).toBe(400);
  });
});

describe('a chaos run (faults.rate)', () => {
  /** The statuses of `count` sequential creates against a sandbox with this plan. */
  async function run(seed: number, count: number) {
    const chaotic = await start({ faults: { rate: 0.5, seed, faults: 'error-after-commit' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < count; i++) {
        const res = await fetch(`${chaotic.url}/threads`, {
          method: 'POST',
          headers: { authorization: `Bearer ${chaotic.credentials.demo.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: `t${i}` }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      // Every create was committed, whatever it was answered.
      const all = await fetch(`${chaotic.url}/threads?limit=100`, {
        headers: { authorization: `Bearer ${chaotic.credentials.demo.apiKey}`, 'x-sandbox-fault': 'latency=0' },
      });
      expect(((await all.json()) as { data: unknown[] }).data).toHaveLength(count);
      return { statuses, seed: chaotic.faultSeed };
    } finally {
      await chaotic.close();
    }
  }

  it('injects faults into about that share of requests, the same ones for the same seed', async () => {
    const first = await run(7, 40);
    const again = await run(7, 40);
    expect(first.seed).toBe(7);
    expect(again.statuses).toEqual(first.statuses);
    const faults = first.statuses.filter((s) => s === 500).length;
    expect(faults).toBeGreaterThan(5);
    expect(faults).toBeLessThan(35);
    expect(first.statuses.every((s) => s === 200 || s === 500)).toBe(true);
  });

  it('is off unless asked for', async () => {
    const plain = await start();
    expect(plain.faultSeed).toBeUndefined();
    await plain.close();
  });
});
