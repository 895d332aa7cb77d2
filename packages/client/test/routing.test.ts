/**
 * Where each method sends its request and with which credentials header,
 * as the contract's operation table says; path parameters that cannot
 * escape their segment; list queries and pagination.
 */
import { describeContract } from '@freddy/spec';
import { type OperationId, operationTable } from '@freddy/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFreddyClient, type FreddyClient, FreddyError } from '../src/index.js';
import { type FaultServer, startFaultServer, threadFixture } from './support/fault-server.js';
import { apiKeyHeader, callOperation, exampleAnswer, examplePath, examplePathname } from './support/operation-calls.js';

const { operations } = describeContract();

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const thread = threadFixture('thrd_abc123');
const emptyList = { object: 'list', data: [], firstId: null, lastId: null, hasMore: false };

/** Calls every operation of the contract once through its method; the server answers each with its 200 example. */
async function callAll(client: FreddyClient) {
  server.script(...operations.map((op) => ({ status: 200, body: exampleAnswer(op) })));
  for (const op of operations) await callOperation(client, op);
  return server.requests.map((r, i) => {
    const header = apiKeyHeader(operations[i]!);
    return {
      line: `${r.method} ${r.url}`,
      authorization: r.headers.authorization,
      apiKey: header && r.headers[header],
    };
  });
}

/** What the contract says the call of `op` sends below the server's base path `/v1`. */
const lineOf = (op: (typeof operations)[number]) => `${op.method} /v1${examplePathname(op)}`;

describe('with baseUrl, every operation goes there', () => {
  test('with apiKey: in the API-key header where the contract allows one (pin, unpin), as Bearer elsewhere', async () => {
    const sent = await callAll(createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url }));
    expect(sent).toEqual(
      operations.map((op) =>
        apiKeyHeader(op)
          ? { line: lineOf(op), authorization: undefined, apiKey: 'ak_demo' }
          : { line: lineOf(op), authorization: 'Bearer ak_demo', apiKey: undefined },
      ),
    );
    // Both ways are exercised: the contract has operations of each kind.
    expect(new Set(sent.map((s) => s.apiKey === undefined))).toEqual(new Set([true, false]));
    expect(sent.find((s) => s.line === 'POST /v1/threads/thrd_abc123/pin')?.apiKey).toBe('ak_demo');
  });

  test('with bearerToken: always Authorization: Bearer', async () => {
    const sent = await callAll(createFreddyClient({ bearerToken: 'jwt_demo', baseUrl: `${server.url}/` }));
    expect(sent).toEqual(
      operations.map((op) => ({ line: lineOf(op), authorization: 'Bearer jwt_demo', apiKey: undefined })),
    );
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
  test('each to its production server (the Freddy host; pin and unpin to the platform host)', async () => {
    // The real hosts are not reachable from a test, so a fetch wrapper notes
    // the URL the client chose and sends the request on to the local server.
    const urls: string[] = [];
    await callAll(
      createFreddyClient({
        apiKey: 'ak_demo',
        fetch: (request, init) => {
          urls.push(request.url);
          const { pathname, search } = new URL(request.url);
          return fetch(new Request(`${server.url}${pathname.replace(/^\/v1/, '')}${search}`, request), init);
        },
      }),
    );
    expect(urls).toEqual(operations.map((op) => `${op.server.url}${examplePathname(op)}`));
    expect(new Set(operations.map((op) => op.server.url)).size).toBeGreaterThan(1);
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
  test.each(operations.map((op) => [op.id, op] as const))(
    '%s: call sends what its method sends, key header and all',
    async (_, op) => {
      const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url });
      const options = { idempotencyKey: `key_${op.id}` };
      const body = op.requestBody ? { body: op.requestBody.examples[0]?.value ?? {} } : {};
      const sent: unknown[] = [];
      for (const send of [
        () => callOperation(client, op, { options }),
        () => client.call(op.id as OperationId, { path: examplePath(op), ...body } as never, options),
      ]) {
        server.script({ status: 200, body: exampleAnswer(op) });
        await send();
        const { method, url, headers, body: text } = server.requests[0]!;
        sent.push({ method, url, text, headers: { ...headers, host: undefined } });
      }
      expect(sent[1]).toEqual(sent[0]);
      expect(sent[0]).toMatchObject({ method: op.method, url: `/v1${examplePathname(op)}` });
    },
  );

  test('call serialises a query as the method does', async () => {
    const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url });
    for (const send of [
      () => client.threads.list({ limit: 2, order: 'asc' }),
      () => client.call('listThreads', { query: { limit: 2, order: 'asc' } }),
    ]) {
      server.script({ status: 200, body: emptyList });
      await send();
      expect(server.requests.map((r) => r.url)).toEqual(['/v1/threads?limit=2&order=asc']);
    }
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
    await expect(client.call('zzFixtureUnknownOperation', {})).rejects.toThrow(
      'Unknown operation zzFixtureUnknownOperation',
    );
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
