import { beforeAll, describe, expect, it } from 'vitest';
import { call, createThread, start, suiteSandbox } from './helpers.js';

const sandbox = suiteSandbox();
let key: string;
beforeAll(() => {
  key = sandbox.credentials.demo.apiKey;
});

describe('createThread', () => {
  it('creates a thread with every field, and defaults for the rest', async () => {
    const res = await call(sandbox, 'POST', '/threads', {
      key,
      json: {
        title: 'Billing question',
        assistantId: 'asst_support_agent',
        metadata: { category: 'support' },
        messages: [
          { role: 'user', content: 'My invoice shows the wrong amount.' },
          { role: 'assistant', content: 'Let me look.' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      object: 'thread',
      title: 'Billing question',
      assistantId: 'asst_support_agent',
      metadata: { category: 'support' },
      messageCount: 2,
      visibleInUi: true,
      status: 'inactive',
      isPinned: false,
      pinnedAt: null,
      organizationId: sandbox.credentials.demo.organizationId,
      userId: sandbox.credentials.demo.userId,
    });
    expect(res.body.id).toMatch(/^thread_/);
    expect(res.body.createdAt).toBe(res.body.updatedAt);
    expect(Math.abs(res.body.createdAt - Date.now() / 1000)).toBeLessThan(5);
  });

  it('creates an empty thread from no body at all', async () => {
    const res = await call(sandbox, 'POST', '/threads', { key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: null,
      assistantId: null,
      metadata: {},
      messageCount: 0,
      visibleInUi: true,
    });
  });

  it('carries the rate-limit and request-id headers the contract documents', async () => {
    const limited = await start({ rateLimit: { limit: 5, windowMs: 60_000 } });
    try {
      const res = await call(limited, 'POST', '/threads', { key: limited.credentials.demo.apiKey, json: {} });
      expect(res.headers.get('x-ratelimit-limit')).toBe('5');
      expect(res.headers.get('x-ratelimit-remaining')).toBe('4');
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    } finally {
      await limited.close();
    }
  });
});

describe('retrieveThread', () => {
  it('returns the stored thread', async () => {
    const created = await createThread(sandbox, key, { title: 'Find me' });
    const res = await call(sandbox, 'GET', `/threads/${created.id}`, { key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created);
  });

  it('renders a thread byte for byte as the write that returned it did', async () => {
    const created = await call(sandbox, 'POST', '/threads', {
      key,
      json: { title: 'Ünïcødé "quotes" \\ and\nnewline 😀', metadata: { z: '1', a: '2', 'k\u0001': 'ctl' } },
    });
    await call(sandbox, 'POST', `/threads/${created.body.id}/pin`, { key });
    const updated = await call(sandbox, 'POST', `/threads/${created.body.id}`, { key, json: { visibleInUi: false } });
    const read = await call(sandbox, 'GET', `/threads/${created.body.id}`, { key });
    expect(read.text).toBe(updated.text);
    const listed = await call(sandbox, 'GET', '/threads?limit=100', { key });
    expect(listed.text).toContain(updated.text);
  });

  it('answers 404 with the seed body for an unknown id', async () => {
    const res = await call(sandbox, 'GET', '/threads/thread_doesnotexist', { key });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { message: 'Thread not found or access denied', type: 'not_found_error', code: 'thread_not_found' },
    });
  });
});

describe('updateThread', () => {
  it('merges metadata, replaces the title and sets visibility (the seed examples)', async () => {
    const created = await createThread(sandbox, key, { title: 'Old', metadata: { keep: 'yes', category: 'billing' } });
    const meta = await call(sandbox, 'POST', `/threads/${created.id}`, {
      key,
      json: { metadata: { category: 'support', priority: 'high', status: 'resolved' } },
    });
    expect(meta.status).toBe(200);
    expect(meta.body.metadata).toEqual({ keep: 'yes', category: 'support', priority: 'high', status: 'resolved' });
    expect(meta.body.title).toBe('Old');

    const title = await call(sandbox, 'POST', `/threads/${created.id}`, {
      key,
      json: { title: 'Resolved Billing Issue' },
    });
    expect(title.body.title).toBe('Resolved Billing Issue');
    expect(title.body.metadata).toEqual(meta.body.metadata);

    const hide = await call(sandbox, 'POST', `/threads/${created.id}`, { key, json: { visibleInUi: false } });
    expect(hide.body.visibleInUi).toBe(false);

    const again = await call(sandbox, 'GET', `/threads/${created.id}`, { key });
    expect(again.body).toEqual(hide.body);
  });

  it('refuses a merge that would leave more than 16 pairs, and keeps what was there', async () => {
    const fifteen = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, 'v']));
    const created = await createThread(sandbox, key, { metadata: fifteen });
    const res = await call(sandbox, 'POST', `/threads/${created.id}`, {
      key,
      json: { metadata: { extra1: 'a', extra2: 'b' }, title: 'Should not stick' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'metadata_limit_exceeded',
      param: 'metadata',
      type: 'validation_error',
    });
    const after = await call(sandbox, 'GET', `/threads/${created.id}`, { key });
    expect(after.body.metadata).toEqual(fifteen);
    expect(after.body.title).toBeNull();

    // Overwriting existing keys does not add pairs, so it is allowed.
    const overwrite = await call(sandbox, 'POST', `/threads/${created.id}`, {
      key,
      json: { metadata: { k0: 'new', extra1: 'a' } },
    });
    expect(overwrite.status).toBe(200);
    expect(Object.keys(overwrite.body.metadata)).toHaveLength(16);
  });

  it('answers 422 "Title cannot be empty" for an empty or blank title (the seed)', async () => {
    const created = await createThread(sandbox, key);
    for (const title of ['', '   ']) {
      const res = await call(sandbox, 'POST', `/threads/${created.id}`, { key, json: { title } });
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        error: { message: 'Title cannot be empty', type: 'validation_error', code: 'invalid_title', param: 'title' },
      });
    }
  });

  it('answers 404 for an unknown thread', async () => {
    const res = await call(sandbox, 'POST', '/threads/thread_nope', { key, json: { title: 'x' } });
    expect(res.status).toBe(404);
  });
});

describe('updateThreadMetadata', () => {
  it('merges keys, keeps the others, and may change visibility', async () => {
    const created = await createThread(sandbox, key, { metadata: { a: '1', b: '2' } });
    const res = await call(sandbox, 'PATCH', `/threads/${created.id}/metadata`, {
      key,
      json: { metadata: { b: 'two', c: '3' }, visibleInUi: false },
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata).toEqual({ a: '1', b: 'two', c: '3' });
    expect(res.body.visibleInUi).toBe(false);
  });

  it('requires metadata (400 with param) and a body (400)', async () => {
    const created = await createThread(sandbox, key);
    const missing = await call(sandbox, 'PATCH', `/threads/${created.id}/metadata`, {
      key,
      json: { visibleInUi: true },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.param).toBe('metadata');
    const empty = await call(sandbox, 'PATCH', `/threads/${created.id}/metadata`, { key });
    expect(empty.status).toBe(400);
  });

  it('answers 404 for an unknown thread', async () => {
    const res = await call(sandbox, 'PATCH', '/threads/thread_nope/metadata', { key, json: { metadata: {} } });
    expect(res.status).toBe(404);
  });
});

describe('deleteThread', () => {
  it('deletes, and the id is 404 afterwards everywhere', async () => {
    const created = await createThread(sandbox, key, { messages: [{ role: 'user', content: 'bye' }] });
    const res = await call(sandbox, 'DELETE', `/threads/${created.id}`, { key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      threadId: created.id,
      message: 'Thread and all messages deleted successfully',
    });
    expect((await call(sandbox, 'GET', `/threads/${created.id}`, { key })).status).toBe(404);
    expect((await call(sandbox, 'DELETE', `/threads/${created.id}`, { key })).status).toBe(404);
    expect((await call(sandbox, 'POST', `/threads/${created.id}/pin`, { key })).status).toBe(404);
    const list = await call(sandbox, 'GET', '/threads?limit=100', { key });
    expect(list.body.data.map((t: { id: string }) => t.id)).not.toContain(created.id);
  });
});

describe('pinThread and unpinThread', () => {
  it('pin sets pinned_at once (idempotent), unpin clears it, updatedAt never moves', async () => {
    const created = await createThread(sandbox, key);
    const pin = await call(sandbox, 'POST', `/threads/${created.id}/pin`, { key, scheme: 'apiKey' });
    expect(pin.status).toBe(200);
    expect(pin.body).toMatchObject({ id: created.id, is_pinned: true, message: 'Thread pinned successfully' });
    expect(pin.body.pinned_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const again = await call(sandbox, 'POST', `/threads/${created.id}/pin`, { key });
    expect(again.status).toBe(200);
    expect(again.body.pinned_at).toBe(pin.body.pinned_at);

    const pinned = await call(sandbox, 'GET', `/threads/${created.id}`, { key });
    expect(pinned.body.isPinned).toBe(true);
    expect(pinned.body.pinnedAt).toBe(Date.parse(pin.body.pinned_at) / 1000);
    expect(pinned.body.updatedAt).toBe(created.updatedAt);

    const unpin = await call(sandbox, 'POST', `/threads/${created.id}/unpin`, { key, scheme: 'apiKey' });
    expect(unpin.body).toEqual({
      id: created.id,
      is_pinned: false,
      pinned_at: null,
      message: 'Thread unpinned successfully',
    });
    const unpinAgain = await call(sandbox, 'POST', `/threads/${created.id}/unpin`, { key });
    expect(unpinAgain.status).toBe(200);
    expect(unpinAgain.body.is_pinned).toBe(false);

    const after = await call(sandbox, 'GET', `/threads/${created.id}`, { key });
    expect(after.body).toMatchObject({ isPinned: false, pinnedAt: null, updatedAt: created.updatedAt });
  });

  it('answers 404 in the platform envelope, echoing the id and the request id', async () => {
    const res = await call(sandbox, 'POST', '/threads/thrd_abc123/pin', { key, scheme: 'apiKey' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      success: false,
      error: { code: 'RESOURCE_NOT_FOUND', type: 'client_error', status: 404, details: { thread_id: 'thrd_abc123' } },
    });
    expect(res.body.error.trace_id).toBe(res.headers.get('x-request-id'));
    const unpin = await call(sandbox, 'POST', '/threads/thrd_abc123/unpin', { key });
    expect(unpin.status).toBe(404);
  });
});

describe('listThreads', () => {
  it('answers the list shape with firstId and lastId of the page', async () => {
    const res = await call(sandbox, 'GET', '/threads?limit=2', { key });
    expect(res.status).toBe(200);
    expect(res.body.object).toBe('list');
    expect(res.body.data).toHaveLength(2);
    expect(res.body.firstId).toBe(res.body.data[0].id);
    expect(res.body.lastId).toBe(res.body.data[1].id);
    expect(res.body.hasMore).toBe(true);
  });

  it('answers an empty page with null ids', async () => {
    const res = await call(sandbox, 'GET', '/threads?assistantId=asst_nobody', { key });
    expect(res.body).toEqual({ object: 'list', data: [], firstId: null, lastId: null, hasMore: false });
  });
});
