/**
 * Type assertions on the generated types. vitest.config.ts points typecheck
 * at `*.test.ts`, so every `expectTypeOf` and `@ts-expect-error` below is
 * checked by `tsc` under `vitest run`; a wrong one fails the run.
 */
import { describe, expectTypeOf, test } from 'vitest';
import type {
  CreateThreadRequest,
  ErrorResponse,
  ListThreadsQuery,
  MessageInput,
  operations,
  PinStatus,
  PlatformErrorResponse,
  paths,
  Thread,
  ThreadList,
  UpdateThreadMetadataRequest,
  UpdateThreadRequest,
} from '../src/index.js';

type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;

describe('path parameters', () => {
  test('thread_id is required on every /threads/{thread_id} operation', () => {
    type RetrievePath = paths['/threads/{thread_id}']['get']['parameters']['path'];
    expectTypeOf<RetrievePath>().toEqualTypeOf<{ thread_id: string }>();
    expectTypeOf<operations['pinThread']['parameters']['path']>().toEqualTypeOf<{ thread_id: string }>();
    // @ts-expect-error thread_id is required, not optional
    const missing: RetrievePath = {};
    // @ts-expect-error thread_id is a string
    const wrongType: RetrievePath = { thread_id: 42 };
    void missing;
    void wrongType;
  });

  test('listThreads takes no path parameters and only optional query ones', () => {
    expectTypeOf<operations['listThreads']['parameters']['path']>().toEqualTypeOf<undefined>();
    const empty: ListThreadsQuery = {};
    void empty;
    expectTypeOf<ListThreadsQuery['limit']>().toEqualTypeOf<number | undefined>();
  });
});

describe('request bodies', () => {
  test('every field of create and update is optional', () => {
    const create: CreateThreadRequest = {};
    const update: UpdateThreadRequest = {};
    void create;
    void update;
    expectTypeOf<UpdateThreadRequest['title']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<UpdateThreadRequest['visibleInUi']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<CreateThreadRequest['messages']>().toEqualTypeOf<MessageInput[] | undefined>();
  });

  test('update metadata requires metadata, and unknown fields are refused', () => {
    // @ts-expect-error metadata is required
    const missing: UpdateThreadMetadataRequest = { visibleInUi: true };
    // @ts-expect-error additionalProperties: false
    const extra: UpdateThreadRequest = { name: 'x' };
    void missing;
    void extra;
    expectTypeOf<UpdateThreadMetadataRequest['metadata']>().toEqualTypeOf<{ [key: string]: string }>();
  });

  test('updateThread body is required, createThread body optional', () => {
    expectTypeOf<operations['updateThread']['requestBody']>().not.toBeUndefined();
    expectTypeOf<operations['createThread']['requestBody']>().toBeNullable();
  });
});

describe('literal enums and consts', () => {
  test('thread status, list order and message role are literal unions', () => {
    expectTypeOf<Thread['status']>().toEqualTypeOf<'inactive' | 'streaming'>();
    expectTypeOf<Thread['object']>().toEqualTypeOf<'thread'>();
    expectTypeOf<ThreadList['object']>().toEqualTypeOf<'list'>();
    expectTypeOf<ListThreadsQuery['order']>().toEqualTypeOf<'asc' | 'desc' | undefined>();
    expectTypeOf<MessageInput['role']>().toEqualTypeOf<'user' | 'assistant' | 'system'>();
    // @ts-expect-error not a documented status
    const status: Thread['status'] = 'archived';
    void status;
  });

  test('the error type field is a closed enum in each envelope', () => {
    expectTypeOf<ErrorResponse['error']['type']>().toExtend<string>();
    // @ts-expect-error server_error belongs to the platform envelope only
    const wrong: ErrorResponse['error']['type'] = 'server_error';
    const right: PlatformErrorResponse['error']['type'] = 'server_error';
    void wrong;
    void right;
    expectTypeOf<PlatformErrorResponse['success']>().toEqualTypeOf<false>();
  });
});

describe('nullable fields', () => {
  test('pinned_at is a string or null, and required', () => {
    expectTypeOf<PinStatus['pinned_at']>().toEqualTypeOf<string | null>();
    // @ts-expect-error pinned_at is required (null when unpinned, not absent)
    const absent: PinStatus = { id: 'thrd_abc123', is_pinned: false, message: 'Thread unpinned successfully' };
    void absent;
  });

  test('thread title and list cursors are nullable', () => {
    expectTypeOf<Thread['title']>().toEqualTypeOf<string | null>();
    expectTypeOf<ThreadList['lastId']>().toEqualTypeOf<string | null>();
    expectTypeOf<Thread['pinnedAt']>().toEqualTypeOf<number | null | undefined>();
  });
});

describe('error bodies', () => {
  test('a 422 of update carries the Freddy envelope', () => {
    type Body422 = JsonBody<operations['updateThread']['responses'][422]>;
    expectTypeOf<Body422>().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<Body422['error']['param']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Body422>().not.toEqualTypeOf<PlatformErrorResponse>();
  });

  test('a 404 of pin carries the platform envelope', () => {
    type Body404 = JsonBody<operations['pinThread']['responses'][404]>;
    expectTypeOf<Body404>().toEqualTypeOf<PlatformErrorResponse>();
    expectTypeOf<Body404['error']['trace_id']>().toEqualTypeOf<string>();
  });

  test('the success bodies are the named schemas', () => {
    expectTypeOf<JsonBody<operations['pinThread']['responses'][200]>>().toEqualTypeOf<PinStatus>();
    expectTypeOf<JsonBody<operations['listThreads']['responses'][200]>>().toEqualTypeOf<ThreadList>();
    expectTypeOf<JsonBody<operations['retrieveThread']['responses'][200]>>().toEqualTypeOf<Thread>();
  });
});
