/**
 * Every method against the reference server (@freddy/sandbox) over real
 * HTTP: success, each documented error the server can produce, pagination
 * across pages with pinned threads first, and isolation between the two
 * organizations. Every response received is validated against the contract.
 *
 * These tests need `apps/sandbox` built (`pnpm --filter @freddy/sandbox build`);
 * turbo's `^build` dependency does that. If it is missing, they fail.
 */
import { describeContract } from '@freddy/spec';
import { useSandbox, withSandbox } from '@freddy/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  createFreddyClient,
  type FreddyApiError,
  type FreddyClient,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitError,
  type Thread,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
} from '../src/index.js';
import { type CheckedResponse, contractCheckingFetch } from './support/contract.js';
import { callOperation } from './support/operation-calls.js';

const { operations } = describeContract();
/** The operations that address one resource by path (every path parameter here names a thread). */
const addressing = operations.filter((op) => op.template.names.length > 0);

const sandbox = useSandbox();
/**
 * Those of `ops` the sandbox keeps state for: one it answers from its documented example (no handler
 * yet) has no thread to miss or to keep from another organization.
 */
const stateful = (ops: typeof operations) => ops.filter((op) => !sandbox.current.exampleServed.includes(op.id));
let checked: CheckedResponse[];
let demo: FreddyClient;
let other: FreddyClient;

function clientFor(options: { apiKey?: string; bearerToken?: string; baseUrl?: string; maxRetries?: number }) {
  // The wrapper reads `checked` at call time: every client of a test reports into the current list.
  return createFreddyClient({
    baseUrl: sandbox.current.url,
    maxRetries: 0,
    ...options,
    fetch: (request, init) => contractCheckingFetch(checked)(request, init),
  });
}

beforeEach(() => {
  checked = [];
  demo = clientFor({ apiKey: sandbox.current.credentials.demo.apiKey });
  other = clientFor({ apiKey: sandbox.current.credentials.other.apiKey });
});

afterEach((context) => {
  // A test that made calls must have had every answer validated, and valid.
  if (context.task.result?.state === 'fail') return;
  expect(checked.length).toBeGreaterThan(0);
  expect(checked.filter((c) => !c.valid)).toEqual([]);
});

const rejection = <T extends FreddyApiError>(promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: T) => error,
  );

describe('every method succeeds', () => {
  test.each(operations.map((op) => [op.id, op] as const))(
    "%s, through its method with the contract's example input, gets its documented success",
    async (_, op) => {
      // A fresh thread for every path parameter, so delete, pin and update depend on no other test.
      const path: Record<string, string> = {};
      for (const name of op.template.names) path[name] = (await demo.threads.create({ title: op.id })).id;
      await callOperation(demo, op, { path });
      const answer = checked.at(-1);
      expect(answer).toMatchObject({ operationId: op.id, status: 200, valid: true });
    },
  );

  test('create, retrieve, update, updateMetadata, delete', async () => {
    const empty = await demo.threads.create();
    expect(empty).toMatchObject({
      object: 'thread',
      title: null,
      visibleInUi: true,
      messageCount: 0,
      status: 'inactive',
    });
    expect(empty.organizationId).toBe(sandbox.current.credentials.demo.organizationId);

    const created = await demo.threads.create({
      title: 'Billing question',
      metadata: { category: 'support' },
      assistantId: 'asst_support_agent',
      messages: [{ role: 'user', content: 'My invoice shows the wrong amount.' }],
    });
    expect(created).toMatchObject({ title: 'Billing question', assistantId: 'asst_support_agent', messageCount: 1 });

    expect(await demo.threads.retrieve(created.id)).toEqual(created);

    const updated = await demo.threads.update(created.id, {
      title: 'Resolved Billing Issue',
      metadata: { status: 'resolved' },
    });
    expect(updated.title).toBe('Resolved Billing Issue');
    expect(updated.metadata).toEqual({ category: 'support', status: 'resolved' });

    const merged = await demo.threads.updateMetadata(created.id, {
      metadata: { priority: 'high' },
      visibleInUi: false,
    });
    expect(merged.metadata).toEqual({ category: 'support', status: 'resolved', priority: 'high' });
    expect(merged.visibleInUi).toBe(false);

    const deleted = await demo.threads.delete(created.id);
    expect(deleted).toMatchObject({ success: true, threadId: created.id });
    expect(await rejection(demo.threads.retrieve(created.id))).toBeInstanceOf(NotFoundError);
  });

  test('pin and unpin with the X-API-Key header, and with a bearer token', async () => {
    const thread = await demo.threads.create({ title: 'Pin me' });
    const pinned = await demo.threads.pin(thread.id);
    expect(pinned).toMatchObject({ id: thread.id, is_pinned: true });
    expect(typeof pinned.pinned_at).toBe('string');
    expect((await demo.threads.retrieve(thread.id)).isPinned).toBe(true);

    const bearer = clientFor({ bearerToken: sandbox.current.credentials.demo.apiKey });
    const unpinned = await bearer.threads.unpin(thread.id);
    expect(unpinned).toEqual({ id: thread.id, is_pinned: false, pinned_at: null, message: expect.any(String) });
  });

  test('list returns a page in the contract shape', async () => {
    await demo.threads.create({ title: 'Listed' });
    const page = await demo.threads.list({ limit: 1 });
    expect(page.object).toBe('list');
    expect(page.data).toHaveLength(1);
    expect(page.firstId).toBe(page.data[0]!.id);
    expect(page.lastId).toBe(page.data[0]!.id);
  });

  test('raw reaches the same server', async () => {
    const thread = await demo.threads.create({ title: 'Raw' });
    const { data, response } = await demo.raw.GET('/threads/{thread_id}', {
      params: { path: { thread_id: thread.id } },
    });
    expect(response.status).toBe(200);
    expect(data?.title).toBe('Raw');
  });
});

describe('each documented error the server produces', () => {
  test('401 in both envelopes', async () => {
    const stranger = clientFor({ apiKey: 'ak_not_a_real_key' });
    const freddy = await rejection(stranger.threads.list());
    expect(freddy).toBeInstanceOf(AuthenticationError);
    expect(freddy).toMatchObject({ status: 401, type: 'authentication_error' });
    expect(freddy.requestId).toMatch(/\S/);

    const platform = await rejection(stranger.threads.pin('thrd_abc123'));
    expect(platform).toBeInstanceOf(AuthenticationError);
    expect(platform.code).toMatch(/^[A-Z_]+$/);
    expect(platform.traceId).toBe(platform.requestId);
  });

  test('401 from every operation, with a wrong key and with a wrong bearer token', async () => {
    for (const stranger of [clientFor({ apiKey: 'ak_not_a_real_key' }), clientFor({ bearerToken: 'not_a_token' })]) {
      for (const op of operations)
        expect(await rejection(callOperation(stranger, op))).toBeInstanceOf(AuthenticationError);
    }
    expect(checked.filter((c) => c.status === 401)).toHaveLength(2 * operations.length);
  });

  test('404 for every operation that takes an id, in the envelope and with a code its contract documents', async () => {
    for (const op of stateful(addressing)) {
      const path = Object.fromEntries(op.template.names.map((name) => [name, 'zz_does_not_exist']));
      const error = await rejection(callOperation(demo, op, { path }));
      expect(error, op.id).toBeInstanceOf(NotFoundError);
      const documented = op.responses
        .find((response) => response.status === 404)
        ?.examples.map((example) => (example.value as { error: { code: string } }).error.code);
      expect(documented, op.id).toContain(error.code);
      // The platform envelope carries a trace id; the Freddy one does not.
      expect(error.traceId !== undefined, op.id).toBe(op.errorSchema === 'PlatformErrorResponse');
    }
  });

  test('ids that try to leave their path segment address nothing else', async () => {
    const thread = await demo.threads.create({ title: 'Target' });
    for (const id of ['../x', `../${thread.id}`, 'a/b?c', `${thread.id}/pin`, `${thread.id}?x=1`, `${thread.id}#x`]) {
      expect(await rejection(demo.threads.retrieve(id))).toBeInstanceOf(NotFoundError);
      expect(await rejection(demo.threads.delete(id))).toBeInstanceOf(NotFoundError);
    }
    expect((await demo.threads.retrieve(thread.id)).title).toBe('Target');
  });

  test('422 for a body that breaks a limit, with the parameter named', async () => {
    const thread = await demo.threads.create();
    const blank = await rejection(demo.threads.update(thread.id, { title: '   ' }));
    expect(blank).toBeInstanceOf(UnprocessableEntityError);
    expect(blank.param).toBe('title');

    const tooMany = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    const metadata = await rejection(demo.threads.create({ metadata: tooMany }));
    expect(metadata).toBeInstanceOf(UnprocessableEntityError);
    expect(metadata.param).toBe('metadata');
  });

  test('400 for a malformed request', async () => {
    const unknownField = await rejection(demo.threads.create({ bogus: true } as never));
    expect(unknownField).toBeInstanceOf(BadRequestError);
    expect(unknownField.type).toBe('invalid_request_error');

    const badCursor = await rejection(demo.threads.list({ after: 'thread_not_in_the_list' }));
    expect(badCursor).toBeInstanceOf(BadRequestError);
    expect(badCursor.param).toBe('after');
  });

  test('413 for a body over 64 KiB and 415 for a body that is not JSON', async () => {
    const big = await rejection(demo.threads.create({ messages: [{ role: 'user', content: 'x'.repeat(70_000) }] }));
    expect(big).toBeInstanceOf(PayloadTooLargeError);

    const thread = await demo.threads.create();
    const notJson = await rejection(
      demo.threads.update(thread.id, { title: 'x' }, { headers: { 'Content-Type': 'text/plain' } }),
    );
    expect(notJson).toBeInstanceOf(UnsupportedMediaTypeError);
  });

  test('429 in both envelopes, with Retry-After, once the key has used its requests', async () => {
    await withSandbox({ rateLimit: { limit: 2, windowMs: 60_000 } }, async (limited) => {
      const client = clientFor({ apiKey: limited.credentials.demo.apiKey, baseUrl: limited.url });
      const thread = await client.threads.create();
      await client.threads.retrieve(thread.id);
      const freddy = await rejection(client.threads.list());
      expect(freddy).toBeInstanceOf(RateLimitError);
      expect(freddy.type).toBe('rate_limit_error');
      const platform = await rejection(client.threads.pin(thread.id));
      expect(platform).toBeInstanceOf(RateLimitError);
      expect(platform.code).toBe('RATE_LIMIT_EXCEEDED');
    });
  });
});

describe('pagination', () => {
  test('iterate walks every page, pinned threads first, each thread once', async () => {
    // A fresh sandbox so the demo organization holds exactly these threads.
    await withSandbox({}, async (fresh) => {
      const client = clientFor({ apiKey: fresh.credentials.demo.apiKey, baseUrl: fresh.url });
      const created: Thread[] = [];
      for (let i = 0; i < 7; i++) created.push(await client.threads.create({ title: `Thread ${i}` }));
      const pinnedIds = [created[0]!.id, created[3]!.id];
      for (const id of pinnedIds) await client.threads.pin(id);

      const before = checked.length;
      const walked: Thread[] = [];
      for await (const thread of client.threads.iterate({ limit: 3 })) walked.push(thread);
      const pages = checked.slice(before).filter((c) => c.operationId === 'listThreads');

      expect(pages).toHaveLength(3);
      expect(walked).toHaveLength(7);
      expect(new Set(walked.map((t) => t.id)).size).toBe(7);
      expect(new Set(walked.slice(0, 2).map((t) => t.id))).toEqual(new Set(pinnedIds));
      expect(walked.slice(2).every((t) => !t.isPinned)).toBe(true);
      const rest = walked.slice(2).map((t) => t.updatedAt);
      expect(rest).toEqual([...rest].sort((a, b) => b - a));
      // Paging gives the same order as one big page.
      expect(walked.map((t) => t.id)).toEqual((await client.threads.list({ limit: 100 })).data.map((t) => t.id));
    });
  });
});

describe('isolation between organizations', () => {
  test("another organization's key cannot see, change, pin or delete a thread", async () => {
    const mine = await demo.threads.create({ title: 'Private', metadata: { owner: 'demo' } });
    for (const op of stateful(addressing)) {
      const path = Object.fromEntries(op.template.names.map((name) => [name, mine.id]));
      expect(await rejection(callOperation(other, op, { path })), op.id).toBeInstanceOf(NotFoundError);
    }

    const seenByOther: string[] = [];
    for await (const t of other.threads.iterate({ limit: 100 })) seenByOther.push(t.id);
    expect(seenByOther).not.toContain(mine.id);

    const after = await demo.threads.retrieve(mine.id);
    expect(after).toMatchObject({ title: 'Private', metadata: { owner: 'demo' }, isPinned: false });
    expect(after.organizationId).not.toBe(sandbox.current.credentials.other.organizationId);
  });
});
