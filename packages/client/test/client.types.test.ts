/**
 * Type assertions on the client's public surface, checked by `tsc` under
 * `vitest run` (see vitest.config.ts): argument shapes read like the vendor's
 * SDK; the internal `call` is typed by the operation id.
 */
import { describe, expectTypeOf, test } from 'vitest';
import {
  createFreddyClient,
  type FreddyApiError,
  type PinStatus,
  type Thread,
  type ThreadList,
  type ThreadsResource,
} from '../src/index.js';
import type { OperationCall } from '../src/operation-types.js';

const client = createFreddyClient({ apiKey: 'ak_x', baseUrl: 'http://127.0.0.1:4010/v1' });

describe('method shapes', () => {
  // That every generated method resolves to its operation's 200 body is checked, operation by operation
  // from the contract, in generated-resources.test.ts.
  test('iterate yields the items of list pages', () => {
    expectTypeOf(client.threads.iterate).returns.toEqualTypeOf<AsyncIterable<Thread>>();
  });

  test('arguments are checked against the contract', () => {
    expectTypeOf(client.threads.pin).parameter(0).toEqualTypeOf<string>();
    // @ts-expect-error update needs a body
    void client.threads.update('thread_abc123');
    // @ts-expect-error title is a string
    void client.threads.update('thread_abc123', { title: 5 });
    // @ts-expect-error unknown body field
    void client.threads.create({ name: 'x' });
    // @ts-expect-error metadata is required by update metadata
    void client.threads.updateMetadata('thread_abc123', { visibleInUi: true });
    // @ts-expect-error order is asc or desc
    void client.threads.list({ order: 'newest' });
    // @ts-expect-error iterate pages forward only
    void client.threads.iterate({ before: 'thread_abc123' });
    void client.threads.list({ limit: 10, order: 'asc', after: 'thread_abc123' }, { timeoutMs: 5_000, maxRetries: 0 });
  });

  test('the pin status has a nullable pinned_at, and errors carry their fields', () => {
    expectTypeOf<PinStatus['pinned_at']>().toEqualTypeOf<string | null>();
    expectTypeOf<FreddyApiError['status']>().toEqualTypeOf<number>();
    expectTypeOf<FreddyApiError['code']>().toEqualTypeOf<string | undefined>();
  });

  test('raw is openapi-fetch typed by the contract', async () => {
    const { data } = await client.raw.GET('/threads/{thread_id}', { params: { path: { thread_id: 'x' } } });
    expectTypeOf(data).toEqualTypeOf<Thread | undefined>();
    // @ts-expect-error not a path of the contract
    void client.raw.GET('/messages');
  });
});

describe('the internal call is typed by the operation id', () => {
  // Each line would compile if `call` were not generic over the operation id.
  test('a method bound to the wrong operation, or given the wrong input, does not compile', () => {
    const call: OperationCall = () => {
      throw new Error('type test only');
    };
    // @ts-expect-error retrieve resolves to a Thread; deleteThread answers a DeletedThread
    const retrieve: ThreadsResource['retrieve'] = (thread_id, o) => call('deleteThread', { path: { thread_id } }, o);
    // @ts-expect-error pin takes no body
    void call('pinThread', { path: { thread_id: 'thrd_1' }, body: { title: 'x' } });
    // @ts-expect-error update needs its body
    void call('updateThread', { path: { thread_id: 'thread_1' } });
    // @ts-expect-error create has no thread in its path
    void call('createThread', { path: { thread_id: 'thread_1' }, body: {} });
    // @ts-expect-error the update body is checked against its schema
    void call('updateThread', { path: { thread_id: 'thread_1' }, body: { title: 5 } });
    // @ts-expect-error the path parameter is named as in the contract
    void call('pinThread', { path: { threadId: 'thrd_1' } });
    expectTypeOf(call('listThreads', { query: { limit: 5 } })).resolves.toEqualTypeOf<ThreadList>();
    void retrieve;
  });

  test('the public call is the same: typed by the operation id', () => {
    expectTypeOf(client.call).toEqualTypeOf<OperationCall>();
    expectTypeOf(client.call('pinThread', { path: { thread_id: 'thrd_1' } })).resolves.toEqualTypeOf<PinStatus>();
    // create's body is optional, as the contract says (requestBody.required: false)
    expectTypeOf(client.call('createThread', {})).resolves.toEqualTypeOf<Thread>();
    // @ts-expect-error retrieve needs its path parameter
    void client.call('retrieveThread', {});
  });
});
