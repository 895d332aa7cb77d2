/**
 * Idempotency-Key on every POST, as the contract documents it: a repeated
 * request gets the stored answer and writes nothing; another request with the
 * same key is refused; a request while the first still runs gets 409; keys
 * are per organization, survive a restart, and requests refused before the
 * operation runs are not stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/index.js';
import { call, createThread, start, suiteSandbox } from './helpers.js';

const sandbox = suiteSandbox();
let key: string;
beforeAll(() => {
  key = sandbox.credentials.demo.apiKey;
});

let counter = 0;
const freshKey = () => `test-key-${Date.now()}-${counter++}`;
const withKey = (idempotencyKey: string) => ({ 'Idempotency-Key': idempotencyKey });

async function threadCount(s: Sandbox, apiKey: string): Promise<number> {
  return (await call(s, 'GET', '/threads?limit=100', { key: apiKey })).body.data.length;
}

describe('a repeated request', () => {
  it('create: the same key and body get the stored answer again, marked replayed, and one thread exists', async () => {
    const before = await threadCount(sandbox, key);
    const headers = withKey(freshKey());
    const first = await call(sandbox, 'POST', '/threads', { key, json: { title: 'Once' }, headers });
    const again = await call(sandbox, 'POST', '/threads', { key, json: { title: 'Once' }, headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await threadCount(sandbox, key)).toBe(before + 1);
  });

  it('update and pin: replayed, the thread written once', async () => {
    const thread = await createThread(sandbox, key);
    const update = withKey(freshKey());
    const first = await call(sandbox, 'POST', `/threads/${thread.id}`, { key, json: { title: 'A' }, headers: update });
    await call(sandbox, 'POST', `/threads/${thread.id}`, { key, json: { title: 'B' } });
    const again = await call(sandbox, 'POST', `/threads/${thread.id}`, { key, json: { title: 'A' }, headers: update });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    // The replay wrote nothing: the later update stands.
    expect((await call(sandbox, 'GET', `/threads/${thread.id}`, { key })).body.title).toBe('B');

    const pin = withKey(freshKey());
    const pinned = await call(sandbox, 'POST', `/threads/${thread.id}/pin`, { key, scheme: 'apiKey', headers: pin });
    await call(sandbox, 'POST', `/threads/${thread.id}/unpin`, { key, scheme: 'apiKey' });
    const replayed = await call(sandbox, 'POST', `/threads/${thread.id}/pin`, { key, scheme: 'apiKey', headers: pin });
    expect(replayed.body).toEqual(pinned.body);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect((await call(sandbox, 'GET', `/threads/${thread.id}`, { key })).body.isPinned).toBe(false);
  });
});

describe('a key used with another request', () => {
  it('is refused with 400 idempotency_key_reused, in each envelope, and nothing is written', async () => {
    const thread = await createThread(sandbox, key);
    const headers = withKey(freshKey());
    await call(sandbox, 'POST', '/threads', { key, json: { title: 'First' }, headers });
    const before = await threadCount(sandbox, key);
    const otherBody = await call(sandbox, 'POST', '/threads', { key, json: { title: 'Second' }, headers });
    expect(otherBody.status).toBe(400);
    expect(otherBody.body.error).toMatchObject({ code: 'idempotency_key_reused', param: 'Idempotency-Key' });
    const otherOperation = await call(sandbox, 'POST', `/threads/${thread.id}/pin`, { key, scheme: 'apiKey', headers });
    expect(otherOperation.status).toBe(400);
    expect(otherOperation.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await threadCount(sandbox, key)).toBe(before);
  });
});

describe('requests at the same time', () => {
  it('with one key: one runs, the others get 409 (retryable) or its stored answer; one thread is created', async () => {
    const before = await threadCount(sandbox, key);
    const headers = withKey(freshKey());
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call(sandbox, 'POST', '/threads', { key, json: { title: 'Race' }, headers })),
    );
    const ok = answers.filter((answer) => answer.status === 200);
    const conflicts = answers.filter((answer) => answer.status === 409);
    expect(ok.length + conflicts.length).toBe(10);
    expect(new Set(ok.map((answer) => answer.body.id)).size).toBe(1);
    for (const conflict of conflicts) expect(conflict.body.error.code).toBe('idempotency_request_in_progress');
    expect(await threadCount(sandbox, key)).toBe(before + 1);
  });
});

describe('what is not stored', () => {
  it('a request refused before the operation runs: the same key then works with a corrected body', async () => {
    const headers = withKey(freshKey());
    const refused = await call(sandbox, 'POST', '/threads', { key, json: { title: '' }, headers });
    expect(refused.status).toBe(422);
    const corrected = await call(sandbox, 'POST', '/threads', { key, json: { title: 'Fixed' }, headers });
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a write the operation refused (an over-limit merge) rolls back with its record', async () => {
    const thread = await createThread(sandbox, key, {
      metadata: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'])),
    });
    const headers = withKey(freshKey());
    const over = await call(sandbox, 'POST', `/threads/${thread.id}`, {
      key,
      json: { metadata: { extra: '1' } },
      headers,
    });
    expect(over.status).toBe(422);
    // Had the refused write stored its record, this other body would be a 400 idempotency_key_reused.
    const valid = await call(sandbox, 'POST', `/threads/${thread.id}`, {
      key,
      json: { metadata: { k0: 'w' } },
      headers,
    });
    expect(valid.status).toBe(200);
    expect(valid.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a key that is not 1–255 printable ASCII characters is a 400 naming the header', async () => {
    for (const bad of ['x'.repeat(256), 'tab\there']) {
      const res = await call(sandbox, 'POST', '/threads', { key, json: {}, headers: withKey(bad) });
      expect(res.status).toBe(400);
      expect(res.body.error.param).toBe('Idempotency-Key');
    }
  });
});

describe('scope and lifetime', () => {
  it('keys belong to an organization: another one may use the same key for its own request', async () => {
    const headers = withKey(freshKey());
    const other = sandbox.credentials.other.apiKey;
    const mine = await call(sandbox, 'POST', '/threads', { key, json: { title: 'Mine' }, headers });
    const theirs = await call(sandbox, 'POST', '/threads', { key: other, json: { title: 'Theirs' }, headers });
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('a stored answer survives a restart on the same data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'freddy-idempotency-'));
    try {
      const headers = withKey(freshKey());
      const first = await start({ dataDir, memory: false });
      const apiKey = first.credentials.demo.apiKey;
      const created = await call(first, 'POST', '/threads', { key: apiKey, json: { title: 'Durable' }, headers });
      await first.close();
      const second = await start({ dataDir, memory: false });
      try {
        const again = await call(second, 'POST', '/threads', { key: apiKey, json: { title: 'Durable' }, headers });
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body).toEqual(created.body);
        expect(await threadCount(second, apiKey)).toBe(1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
