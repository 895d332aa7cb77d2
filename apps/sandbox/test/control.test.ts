/**
 * The sandbox's own endpoints (`/_sandbox/health`, `/_sandbox/reset`) and the
 * `--seed` file: a clean slate per organization between tests, back to the
 * seed threads when there are some, and a bad seed file refused at start.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import type { Sandbox } from '../src/index.js';
import { cliPath } from './cli-process.js';
import { call, contract, createThread, start } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'freddy-control-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const origin = (sandbox: Sandbox) => sandbox.url.slice(0, -contract.referenceServer.basePath.length);

async function reset(sandbox: Sandbox, headers: Record<string, string>) {
  const res = await fetch(`${origin(sandbox)}/_sandbox/reset`, { method: 'POST', headers });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

const titles = async (sandbox: Sandbox, key: string) =>
  (await call(sandbox, 'GET', '/threads?limit=100&order=asc', { key })).body.data.map((t: any) => t.title);

describe('GET /_sandbox/health', () => {
  it('answers 200 with the versions and the uptime, without a key', async () => {
    const sandbox = await start();
    try {
      const res = await fetch(`${origin(sandbox)}/_sandbox/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
      const body = (await res.json()) as any;
      expect(body).toEqual({
        status: 'ok',
        version: packageJson.version,
        contractVersion: contract.version,
        uptimeSeconds: expect.any(Number),
      });
      expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
      const wrong = await fetch(`${origin(sandbox)}/_sandbox/health`, { method: 'DELETE' });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET');
      const unknown = await fetch(`${origin(sandbox)}/_sandbox/nothing`);
      expect(unknown.status).toBe(404);
    } finally {
      await sandbox.close();
    }
  });
});

describe('POST /_sandbox/reset', () => {
  it("deletes the caller's organization's threads only, and keeps its keys", async () => {
    const sandbox = await start();
    try {
      const { demo, other } = sandbox.credentials;
      for (const title of ['a', 'b']) await createThread(sandbox, demo.apiKey, { title });
      await createThread(sandbox, other.apiKey, { title: 'theirs' });
      // A write with an Idempotency-Key leaves a stored answer, which a reset forgets too.
      const keyed = { key: demo.apiKey, json: { title: 'keyed' }, headers: { 'Idempotency-Key': 'reset-me' } };
      expect((await call(sandbox, 'POST', '/threads', keyed)).status).toBe(200);

      const res = await reset(sandbox, { authorization: `Bearer ${demo.apiKey}` });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        object: 'sandbox.reset',
        organizationId: demo.organizationId,
        deletedThreads: 3,
        seededThreads: 0,
        idempotencyRecords: 1,
      });
      // The key is free again: the same request runs afresh instead of being replayed.
      const again = await call(sandbox, 'POST', '/threads', keyed);
      expect(again.headers.get('idempotent-replayed')).toBeNull();
      expect(await titles(sandbox, demo.apiKey)).toEqual(['keyed']);
      await reset(sandbox, { authorization: `Bearer ${demo.apiKey}` });
      expect(await titles(sandbox, demo.apiKey)).toEqual([]);
      expect(await titles(sandbox, other.apiKey)).toEqual(['theirs']);

      // The other organization resets its own, with the other credential scheme.
      const theirs = await reset(sandbox, { 'x-api-key': other.apiKey });
      expect(theirs.body.deletedThreads).toBe(1);
      expect(await titles(sandbox, other.apiKey)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it("starts the organization's rate-limit windows afresh", async () => {
    const sandbox = await start({ rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const key = sandbox.credentials.demo.apiKey;
      await call(sandbox, 'GET', '/threads', { key });
      await call(sandbox, 'GET', '/threads', { key });
      expect((await call(sandbox, 'GET', '/threads', { key })).status).toBe(429);
      expect((await reset(sandbox, { authorization: `Bearer ${key}` })).status).toBe(200);
      const after = await call(sandbox, 'GET', '/threads', { key });
      expect(after.status).toBe(200);
      expect(after.headers.get('x-ratelimit-remaining')).toBe('1');
      // The other organization's window is its own.
      const other = sandbox.credentials.other.apiKey;
      await call(sandbox, 'GET', '/threads', { key: other });
      await reset(sandbox, { authorization: `Bearer ${key}` });
      expect((await call(sandbox, 'GET', '/threads', { key: other })).headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await sandbox.close();
    }
  });

  it('needs a key that may write', async () => {
    const sandbox = await start();
    try {
      const none = await reset(sandbox, {});
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('missing_authentication');
      const wrong = await reset(sandbox, { authorization: 'Bearer ak_wrong' });
      expect(wrong.status).toBe(401);
      const readOnly = sandbox.createKey({ readOnly: true });
      const refused = await reset(sandbox, { authorization: `Bearer ${readOnly.apiKey}` });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('insufficient_permissions');
    } finally {
      await sandbox.close();
    }
  });
});

describe('--seed', () => {
  const seedFile = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('loads the threads at start, into the organizations it names, and again on every reset', async () => {
    const file = seedFile('good.json', {
      demo: [{ title: 'First' }, { title: 'Second', metadata: { team: 'a' }, visibleInUi: false }],
      other: [{ title: 'Theirs', messages: [{ role: 'user', content: 'hi' }] }],
    });
    const sandbox = await start({ seedFile: file });
    try {
      const { demo, other } = sandbox.credentials;
      expect((await titles(sandbox, demo.apiKey)).sort()).toEqual(['First', 'Second']);
      const theirs = (await call(sandbox, 'GET', '/threads', { key: other.apiKey })).body.data;
      expect(theirs).toMatchObject([{ title: 'Theirs', messageCount: 1, userId: other.userId, visibleInUi: true }]);

      await createThread(sandbox, demo.apiKey, { title: 'Added in a test' });
      const res = await reset(sandbox, { authorization: `Bearer ${demo.apiKey}` });
      expect(res.body).toMatchObject({ deletedThreads: 3, seededThreads: 2 });
      expect((await titles(sandbox, demo.apiKey)).sort()).toEqual(['First', 'Second']);
      expect((await call(sandbox, 'GET', '/threads', { key: other.apiKey })).body.data).toHaveLength(1);
    } finally {
      await sandbox.close();
    }
  });

  it('takes a bare array for the demo organization', async () => {
    const sandbox = await start({ seedFile: seedFile('array.json', [{ title: 'Only' }]) });
    try {
      expect(await titles(sandbox, sandbox.credentials.demo.apiKey)).toEqual(['Only']);
      expect(await titles(sandbox, sandbox.credentials.other.apiKey)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it.each([
    [
      'an invalid entry',
      [{ title: 'ok' }, { title: 'x'.repeat(201) }],
      /demo\[1\] is not a valid createThread body: \/title/,
    ],
    ['an unknown field', { other: [{ name: 'x' }] }, /other\[0\] .*must NOT have additional properties/],
    ['an unknown organization', { everyone: [] }, /unknown organization "everyone"/],
    ['JSON that does not parse', '{"demo": [', /bad-json\.json: .*JSON/],
  ])('refuses %s, naming it, and does not start', async (_, content, message) => {
    const name = _ === 'JSON that does not parse' ? 'bad-json.json' : `bad-${Math.random()}.json`;
    await expect(start({ seedFile: seedFile(name, content) })).rejects.toThrow(message);
  });

  it('stops the CLI with the message and exit code 1', () => {
    const file = seedFile('cli-bad.json', { demo: [{ title: 'fine' }, { metadata: { k: 1 } }] });
    const res = spawnSync(process.execPath, [cliPath, '--memory', '--port', '0', '--seed', file], { encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`freddy-sandbox: --seed ${file}: demo[1] is not a valid createThread body`);
    expect(res.stdout).not.toContain('listening');
  });
});
