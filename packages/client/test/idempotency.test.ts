/**
 * Retries never duplicate a write: each POST carries an Idempotency-Key, the
 * same on every retry of the call, fresh for the next call. The proof puts a
 * proxy between the client and the reference server that lets the first
 * create commit and then loses its answer (the connection dropped, or a 500
 * instead): with keys the sandbox holds one new thread; without, two.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useSandbox } from '@freddy/testing';
import { afterEach, describe, expect, test } from 'vitest';
import { createFreddyClient } from '../src/index.js';
import { startFaultServer, threadFixture } from './support/fault-server.js';

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

/** How the proxy loses the answer to the first create it forwards. */
type Loss = 'drop the connection' | 'answer 500';

/** Forwards everything to `target`; the first POST /threads is forwarded, committed, and its answer lost. */
async function lossyProxy(target: string, loss: Loss): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  let lost = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            // The sandbox answers a write only after its COMMIT: the thread exists now.
            if (!lost && req.method === 'POST' && req.url === '/v1/threads') {
              lost = true;
              if (loss === 'drop the connection') req.socket.destroy();
              else
                res
                  .writeHead(500, { 'content-type': 'application/json' })
                  .end('{"error":{"message":"lost","type":"api_error","code":"internal_error"}}');
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
          });
        },
      );
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a create whose answer is lost after it committed', () => {
  const sandbox = useSandbox();
  let proxy: Awaited<ReturnType<typeof lossyProxy>> | undefined;
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
        proxy = await lossyProxy(sandbox.current.url, loss);
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
