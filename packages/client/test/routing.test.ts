/**
 * Where each method sends its request and with which credentials header,
 * as the contract's operation table says; path parameters that cannot
 * escape their segment; list queries and pagination.
 */
import { operationTable } from '@freddy/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFreddyClient, type FreddyClient, FreddyError } from '../src/index.js';
import { type FaultServer, startFaultServer, threadFixture } from './support/fault-server.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const thread = threadFixture('thrd_abc123');
const pinStatus = {
  id: 'thrd_abc123',
  is_pinned: true,
  pinned_at: '2026-01-15T10:30:00Z',
  message: 'Thread pinned successfully',
};
const emptyList = { object: 'list', data: [], firstId: null, lastId: null, hasMore: false };

/** Calls every method once; the server answers each with a plausible body. */
async function callAll(client: FreddyClient) {
  const answers = [
    thread,
    emptyList,
    thread,
    thread,
    thread,
    { success: true, threadId: 'thrd_abc123', message: 'ok' },
    pinStatus,
    pinStatus,
  ];
  server.script(...answers.map((body) => ({ status: 200, body })));
  await client.threads.create({ title: 'New' });
  await client.threads.list();
  await client.threads.retrieve('thrd_abc123');
  await client.threads.update('thrd_abc123', { title: 'T' });
  await client.threads.updateMetadata('thrd_abc123', { metadata: { a: 'b' } });
  await client.threads.delete('thrd_abc123');
  await client.threads.pin('thrd_abc123');
  await client.threads.unpin('thrd_abc123');
  return server.requests.map((r) => ({
    line: `${r.method} ${r.url}`,
    authorization: r.headers.authorization,
    apiKey: r.headers['x-api-key'],
  }));
}

describe('with baseUrl, every operation goes there', () => {
  test('with apiKey: X-API-Key where the contract allows ApiKeyAuth (pin, unpin), Bearer elsewhere', async () => {
    const sent = await callAll(createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url }));
    const bearer = { authorization: 'Bearer ak_demo', apiKey: undefined };
    const apiKey = { authorization: undefined, apiKey: 'ak_demo' };
    expect(sent).toEqual([
      { line: 'POST /v1/threads', ...bearer },
      { line: 'GET /v1/threads', ...bearer },
      { line: 'GET /v1/threads/thrd_abc123', ...bearer },
      { line: 'POST /v1/threads/thrd_abc123', ...bearer },
      { line: 'PATCH /v1/threads/thrd_abc123/metadata', ...bearer },
      { line: 'DELETE /v1/threads/thrd_abc123', ...bearer },
      { line: 'POST /v1/threads/thrd_abc123/pin', ...apiKey },
      { line: 'POST /v1/threads/thrd_abc123/unpin', ...apiKey },
    ]);
  });

  test('with bearerToken: always Authorization: Bearer', async () => {
    const sent = await callAll(createFreddyClient({ bearerToken: 'jwt_demo', baseUrl: `${server.url}/` }));
    expect(sent.map((s) => [s.authorization, s.apiKey])).toEqual(Array(8).fill(['Bearer jwt_demo', undefined]));
    expect(sent[0]!.line).toBe('POST /v1/threads');
  });

  test('bodies are JSON; create without a body sends an empty object', async () => {
    server.script({ status: 200, body: thread });
    await createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url }).threads.create();
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests[0]!.body).toBe('{}');
  });

  test('client headers and per-call headers are sent; per-call ones win', async () => {
    server.script({ status: 200, body: thread });
    const client = createFreddyClient({
      apiKey: 'ak_demo',
      baseUrl: server.url,
      headers: { 'x-app': 'one', 'x-env': 'test' },
    });
    await client.threads.retrieve('thread_abc123', { headers: { 'x-app': 'two' } });
    expect(server.requests[0]!.headers).toMatchObject({
      'x-app': 'two',
      'x-env': 'test',
      authorization: 'Bearer ak_demo',
    });
  });
});

describe('without baseUrl, each operation goes to its host from the contract', () => {
  test('Freddy operations to api.freddy.aitronos.com, pin and unpin to api.aitronos.com', async () => {
    // The real hosts are not reachable from a test, so a fetch wrapper notes
    // the URL the client chose and sends the request on to the local server.
    const urls: string[] = [];
    const sent = await callAll(
      createFreddyClient({
        apiKey: 'ak_demo',
        fetch: (request, init) => {
          urls.push(request.url);
          const { pathname, search } = new URL(request.url);
          return fetch(new Request(`${server.url}${pathname.replace(/^\/v1/, '')}${search}`, request), init);
        },
      }),
    );
    expect(sent).toHaveLength(8);
    expect(urls).toEqual([
      'https://api.freddy.aitronos.com/v1/threads',
      'https://api.freddy.aitronos.com/v1/threads',
      'https://api.freddy.aitronos.com/v1/threads/thrd_abc123',
      'https://api.freddy.aitronos.com/v1/threads/thrd_abc123',
      'https://api.freddy.aitronos.com/v1/threads/thrd_abc123/metadata',
      'https://api.freddy.aitronos.com/v1/threads/thrd_abc123',
      'https://api.aitronos.com/v1/threads/thrd_abc123/pin',
      'https://api.aitronos.com/v1/threads/thrd_abc123/unpin',
    ]);
    expect(operationTable.pinThread.server).toBe('https://api.aitronos.com/v1');
  });
});

describe('path parameters stay in their segment', () => {
  test.each([
    ['../x', '/v1/threads/..%2Fx'],
    ['a/b?c', '/v1/threads/a%2Fb%3Fc'],
    ['a#b', '/v1/threads/a%23b'],
    ['%2e%2e', '/v1/threads/%252e%252e'],
    ['..%2F..%2Fpin', '/v1/threads/..%252F..%252Fpin'],
    ['thread id', '/v1/threads/thread%20id'],
    ['a\\b', '/v1/threads/a%5Cb'],
  ])('%j is sent as %s', async (threadId, path) => {
    server.script({ status: 200, body: thread });
    await createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url }).threads.retrieve(threadId);
    expect(server.requests.map((r) => r.url)).toEqual([path]);
  });

  test.each(['', '.', '..'])('%j cannot be addressed and is refused before sending', async (threadId) => {
    server.script({ status: 200, body: thread });
    const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url });
    await expect(client.threads.delete(threadId)).rejects.toThrow(FreddyError);
    await expect(client.threads.pin(threadId)).rejects.toThrow('Invalid thread_id');
    await expect(client.call('pinThread', { path: { thread_id: threadId } })).rejects.toThrow('Invalid thread_id');
    expect(server.requests).toHaveLength(0);
  });
});

describe('call: any operation by its id', () => {
  test('sends what the method for the same operation sends, key header and all', async () => {
    const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url });
    const sent: unknown[] = [];
    for (const call of [
      () => client.threads.update('thrd_abc123', { title: 'T' }, { idempotencyKey: 'k1' }),
      () =>
        client.call(
          'updateThread',
          { path: { thread_id: 'thrd_abc123' }, body: { title: 'T' } },
          { idempotencyKey: 'k1' },
        ),
      () => client.threads.pin('thrd_abc123', { idempotencyKey: 'k2' }),
      () => client.call('pinThread', { path: { thread_id: 'thrd_abc123' } }, { idempotencyKey: 'k2' }),
      () => client.threads.list({ limit: 2, order: 'asc' }),
      () => client.call('listThreads', { query: { limit: 2, order: 'asc' } }),
    ]) {
      server.script({ status: 200, body: thread });
      await call();
      const { method, url, headers, body } = server.requests[0]!;
      sent.push({
        method,
        url,
        body,
        key: headers['idempotency-key'],
        auth: headers.authorization,
        apiKey: headers['x-api-key'],
      });
    }
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[3]).toEqual(sent[2]);
    expect(sent[5]).toEqual(sent[4]);
    expect(sent.map((s) => (s as { url: string }).url)).toEqual([
      '/v1/threads/thrd_abc123',
      '/v1/threads/thrd_abc123',
      '/v1/threads/thrd_abc123/pin',
      '/v1/threads/thrd_abc123/pin',
      '/v1/threads?limit=2&order=asc',
      '/v1/threads?limit=2&order=asc',
    ]);
    expect(sent[3]).toMatchObject({ apiKey: 'ak_demo', key: 'k2' });
  });

  test('resolves to the body, with withResponse(), and rejects with the error classes', async () => {
    const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url, maxRetries: 0 });
    server.script({ status: 200, body: thread, headers: { 'x-request-id': 'req_1' } });
    const { data, requestId } = await client
      .call('retrieveThread', { path: { thread_id: 'thrd_abc123' } })
      .withResponse();
    expect([data.id, requestId]).toEqual(['thrd_abc123', 'req_1']);
    server.script({
      status: 404,
      body: { error: { message: 'gone', type: 'not_found_error', code: 'thread_not_found' } },
    });
    await expect(client.call('deleteThread', { path: { thread_id: 'x' } })).rejects.toMatchObject({
      name: 'NotFoundError',
      status: 404,
    });
  });

  test('an operation id the contract does not have is refused before sending', async () => {
    server.script({ status: 200, body: thread });
    const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url });
    // @ts-expect-error not an operation of the contract
    await expect(client.call('archiveThread', {})).rejects.toThrow('Unknown operation archiveThread');
    expect(server.requests).toHaveLength(0);
  });
});

describe('list and iterate', () => {
  test('query parameters are serialised', async () => {
    server.script({ status: 200, body: emptyList });
    await createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url }).threads.list({
      limit: 2,
      order: 'asc',
      visibleInUi: false,
      assistantId: 'asst support',
    });
    expect(server.requests[0]!.url).toBe('/v1/threads?limit=2&order=asc&visibleInUi=false&assistantId=asst%20support');
  });

  test('iterate follows lastId with after while hasMore, keeping the other query parameters', async () => {
    const page = (ids: string[], hasMore: boolean) => ({
      status: 200,
      body: {
        object: 'list',
        data: ids.map((id) => threadFixture(id)),
        firstId: ids[0] ?? null,
        lastId: ids.at(-1) ?? null,
        hasMore,
      },
    });
    server.script(page(['t1', 't2'], true), page(['t3', 't4'], true), page(['t5'], false));
    const ids: string[] = [];
    const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url });
    for await (const t of client.threads.iterate({ limit: 2, order: 'asc' })) ids.push(t.id);
    expect(ids).toEqual(['t1', 't2', 't3', 't4', 't5']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/threads?limit=2&order=asc',
      '/v1/threads?limit=2&order=asc&after=t2',
      '/v1/threads?limit=2&order=asc&after=t4',
    ]);
  });

  test('iterate from a cursor, and stopping early fetches no further page', async () => {
    const page = {
      status: 200,
      body: {
        object: 'list',
        data: [threadFixture('t9'), threadFixture('t10')],
        firstId: 't9',
        lastId: 't10',
        hasMore: true,
      },
    };
    server.script(page);
    const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url });
    for await (const t of client.threads.iterate({ after: 't8' })) if (t.id === 't9') break;
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/threads?after=t8']);
  });
});

describe('raw', () => {
  test('is openapi-fetch with the base URL, client headers and Bearer auth', async () => {
    server.script({ status: 200, body: thread });
    const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url, headers: { 'x-app': 'raw' } });
    const { data, response } = await client.raw.GET('/threads/{thread_id}', { params: { path: { thread_id: 'a/b' } } });
    expect(response.status).toBe(200);
    expect(data?.id).toBe('thrd_abc123');
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/v1/threads/a%2Fb' });
    expect(server.requests[0]!.headers).toMatchObject({ authorization: 'Bearer ak_demo', 'x-app': 'raw' });
  });
});
