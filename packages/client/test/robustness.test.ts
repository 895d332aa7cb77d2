/**
 * No answer can hang the client or make it read without bound: a cursor that
 * does not advance stops `iterate()`, a body over the size bound is refused
 * (declared or streamed), and a 2xx without a JSON body is an error that is
 * not retried.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFreddyClient, FreddyError, ResponseTooLargeError } from '../src/index.js';
import { type FaultServer, startFaultServer, threadFixture } from './support/fault-server.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const client = (options: { maxResponseBytes?: number } = {}) =>
  createFreddyClient({ apiKey: 'ak_x', baseUrl: server.url, timeoutMs: 0, ...options });

describe('iterate()', () => {
  test('stops with a clear error when the server answers the same page forever', async () => {
    const page = {
      object: 'list',
      data: [threadFixture('thread_1')],
      firstId: 'thread_1',
      lastId: 'thread_1',
      hasMore: true,
    };
    server.script({ status: 200, body: page });
    const seen: string[] = [];
    const walk = async () => {
      for await (const thread of client().threads.iterate({ limit: 1 })) seen.push(thread.id);
    };
    await expect(walk()).rejects.toThrow(/Pagination did not advance/);
    expect(server.requests.length).toBe(2);
    expect(seen).toEqual(['thread_1', 'thread_1']);
  });

  test('stops when the cursors go round in a cycle of pages', async () => {
    const page = (id: string) => ({
      object: 'list',
      data: [threadFixture(id)],
      firstId: id,
      lastId: id,
      hasMore: true,
    });
    // thread_1 → thread_2 → thread_1 again: each step advances, the walk does not.
    server.script(
      { status: 200, body: page('thread_1') },
      { status: 200, body: page('thread_2') },
      {
        status: 200,
        body: page('thread_1'),
      },
    );
    const seen: string[] = [];
    const walk = async () => {
      for await (const thread of client().threads.iterate({ limit: 1 })) seen.push(thread.id);
    };
    await expect(walk()).rejects.toThrow(/Pagination did not advance past thread_1/);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/threads?limit=1',
      '/v1/threads?limit=1&after=thread_1',
      '/v1/threads?limit=1&after=thread_2',
    ]);
    expect(seen).toEqual(['thread_1', 'thread_2', 'thread_1']);
  });
});

describe('the response size bound', () => {
  const big = threadFixture('thread_big', { title: 'x'.repeat(5_000) });

  test('a declared Content-Length over the bound is refused before the body is read', async () => {
    server.script({ status: 200, body: big });
    const error = await client({ maxResponseBytes: 1_000 })
      .threads.retrieve('thread_big')
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toMatch(/over the 1000-byte limit/);
    expect(server.requests).toHaveLength(1);
  });

  test('a chunked body is counted as it streams and refused past the bound', async () => {
    server.script((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      const text = JSON.stringify(big);
      for (let i = 0; i < text.length; i += 500) res.write(text.slice(i, i + 500));
      res.end();
    });
    const error = await client({ maxResponseBytes: 1_000 })
      .threads.retrieve('thread_big')
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(server.requests).toHaveLength(1);
  });

  test('a compressed body is counted as it inflates: its Content-Length is of the compressed bytes', async () => {
    // 5 kB of JSON that gzips to a few hundred bytes: the declared length is under the bound, the body is not.
    const compressed = gzipSync(JSON.stringify(big));
    expect(compressed.byteLength).toBeLessThan(1_000);
    server.script((_request, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': compressed.byteLength,
      });
      res.end(compressed);
    });
    const error = await client({ maxResponseBytes: 1_000 })
      .threads.retrieve('thread_big')
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  test('an error body over the bound is refused too, before openapi-fetch reads it', async () => {
    server.script((_request, res) => {
      res.writeHead(404, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.end(JSON.stringify({ error: { message: 'x'.repeat(5_000) } }));
    });
    const error = await client({ maxResponseBytes: 1_000 })
      .threads.retrieve('thread_big')
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  test('a body within the bound is read as usual', async () => {
    server.script({ status: 200, body: big });
    await expect(client({ maxResponseBytes: 100_000 }).threads.retrieve('thread_big')).resolves.toMatchObject({
      id: 'thread_big',
    });
  });
});

describe('a 2xx without a JSON body', () => {
  test('empty: a clear error, and the write is not sent again', async () => {
    server.script((_request, res) => res.writeHead(200, { 'content-length': '0' }).end());
    const error = await client()
      .threads.create({})
      .catch((e) => e);
    expect(error).toBeInstanceOf(FreddyError);
    expect(error.message).toMatch(/body is empty/);
    expect(server.requests).toHaveLength(1);
  });

  test('not JSON: a clear error, and the write is not sent again', async () => {
    server.script({ status: 200, body: '<html>ok</html>', headers: { 'content-type': 'application/json' } });
    const error = await client()
      .threads.update('thread_abc123', { title: 'x' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(FreddyError);
    expect(error.message).toMatch(/not valid JSON/);
    expect(server.requests).toHaveLength(1);
  });
});
