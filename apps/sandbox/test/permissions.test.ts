/**
 * Read-only keys: they list and retrieve, and get the documented 403 on
 * every write, in each operation's envelope, with nothing written. Also:
 * `freddy-sandbox keys create --read-only`, and rate-limit windows that
 * survive a restart.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, runCli } from './cli-process.js';
import { bodyFor, call, contract, createThread, pathFor, schemeFor, start, suiteSandbox } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'freddy-permissions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a read-only key', () => {
  const sandbox = suiteSandbox({ rateLimit: { limit: 1000, windowMs: 60_000 } });
  let readOnly: string;
  let thread: any;

  beforeAll(async () => {
    readOnly = sandbox.createKey({ readOnly: true }).apiKey;
    thread = await createThread(sandbox, sandbox.credentials.demo.apiKey, { title: 'kept', metadata: { a: '1' } });
  });

  it('lists and retrieves its organization’s threads', async () => {
    const list = await call(sandbox, 'GET', '/threads', { key: readOnly });
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: any) => t.id)).toEqual([thread.id]);
    const one = await call(sandbox, 'GET', `/threads/${thread.id}`, { key: readOnly });
    expect(one.body).toEqual(thread);
  });

  const writes = contract.operations.filter((operation) => operation.method !== 'GET');
  it.each(writes.map((operation) => [operation.id, operation] as const))(
    'gets the documented 403 on %s, and nothing is written',
    async (_, operation) => {
      const res = await call(sandbox, operation.method, pathFor(operation, { thread_id: thread.id }), {
        key: readOnly,
        scheme: schemeFor(operation),
        ...(operation.requestBody ? { json: bodyFor(operation) } : {}),
      });
      expect(res.status).toBe(403);
      const documented = operation.responses.find((r) => r.status === 403)!.examples[0]!.value as any;
      expect(res.body.error.code).toBe(documented.error.code);
      expect(res.body.error.type).toBe('permission_error');
      expect(res.headers.get('x-ratelimit-limit')).toBe('1000');
      const after = await call(sandbox, 'GET', `/threads/${thread.id}`, { key: sandbox.credentials.demo.apiKey });
      expect(after.body).toEqual(thread);
      expect((await call(sandbox, 'GET', '/threads', { key: readOnly })).body.data).toHaveLength(1);
    },
  );

  it('is refused before a chosen answer could stand in for the write', async () => {
    const res = await call(sandbox, 'POST', '/threads', { key: readOnly, json: {}, headers: { prefer: 'code=200' } });
    expect(res.status).toBe(403);
  });
});

describe('freddy-sandbox keys create --read-only', () => {
  it('prints a key that the server on that folder takes, read-only', async () => {
    const data = join(dir, 'keys');
    const created = spawnSync(process.execPath, [cliPath, 'keys', 'create', '--read-only', '--data', data], {
      encoding: 'utf8',
    });
    expect(created.status, created.stderr).toBe(0);
    const key = /(ak_\S+)/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    expect(created.stdout).toContain('Read-only key');

    const cli = await runCli(['--data', data, '--no-rate-limit']);
    try {
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      const list = await fetch(`${cli.url}/threads`, { headers });
      expect(list.status).toBe(200);
      const write = await fetch(`${cli.url}/threads`, { method: 'POST', headers, body: '{}' });
      expect(write.status).toBe(403);
      // The demo key of the same folder still writes.
      const demo = await fetch(`${cli.url}/threads`, {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${cli.apiKey}` },
        body: '{}',
      });
      expect(demo.status).toBe(200);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });

  it('refuses what it does not know', () => {
    const bad = spawnSync(process.execPath, [cliPath, 'keys', 'create', '--org', 'nobody', '--data', join(dir, 'x')], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--org must be demo or other');
    const unknown = spawnSync(process.execPath, [cliPath, 'keys', 'delete'], { encoding: 'utf8' });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown command "keys delete"');
  });
});

describe('rate-limit windows', () => {
  it('survive a restart on the same folder', async () => {
    const data = join(dir, 'rate');
    const options = { dataDir: data, memory: false, rateLimit: { limit: 5, windowMs: 60_000 } };
    const first = await start(options);
    const key = first.credentials.demo.apiKey;
    for (let i = 0; i < 3; i++) await call(first, 'GET', '/threads', { key });
    await first.close();

    const second = await start(options);
    try {
      const res = await call(second, 'GET', '/threads', { key: second.credentials.demo.apiKey });
      expect(second.credentials.demo.apiKey).toBe(key);
      expect(res.headers.get('x-ratelimit-remaining')).toBe('1');
      await call(second, 'GET', '/threads', { key });
      expect((await call(second, 'GET', '/threads', { key })).status).toBe(429);
    } finally {
      await second.close();
    }
  });
});
