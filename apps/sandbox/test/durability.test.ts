/**
 * The server as a child process on a data directory: every acknowledged write
 * survives a SIGKILL, the demo key survives restarts, and SIGTERM finishes
 * in-flight requests before the process exits.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';
import { checkResponse } from './helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'freddy-sandbox-durability-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function api(url: string, key: string, method: string, path: string, json?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(json ? { 'content-type': 'application/json' } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('durability', () => {
  it('every acknowledged write is there after SIGKILL and a restart on the same data directory', async () => {
    const first = await runCli(['--data', dataDir, '--no-rate-limit']);
    const expected = new Map<string, { title: string; metadata: Record<string, string>; isPinned: boolean }>();
    const deleted: string[] = [];
    for (let i = 0; i < 40; i++) {
      const created = await api(first.url, first.apiKey, 'POST', '/threads', {
        title: `t${i}`,
        metadata: { i: `${i}` },
      });
      expect(created.status).toBe(200);
      expected.set(created.body.id, { title: `t${i}`, metadata: { i: `${i}` }, isPinned: false });
    }
    const ids = [...expected.keys()];
    for (const id of ids.slice(0, 10)) {
      const res = await api(first.url, first.apiKey, 'PATCH', `/threads/${id}/metadata`, { metadata: { more: 'yes' } });
      expect(res.status).toBe(200);
      expected.get(id)!.metadata.more = 'yes';
    }
    for (const id of ids.slice(10, 15)) {
      expect((await api(first.url, first.apiKey, 'POST', `/threads/${id}/pin`)).status).toBe(200);
      expected.get(id)!.isPinned = true;
    }
    for (const id of ids.slice(15, 20)) {
      expect((await api(first.url, first.apiKey, 'DELETE', `/threads/${id}`)).status).toBe(200);
      expected.delete(id);
      deleted.push(id);
    }
    // The last acknowledged write, then no chance to flush anything.
    const last = await api(first.url, first.apiKey, 'POST', `/threads/${ids[20]}`, { title: 'last word' });
    expect(last.status).toBe(200);
    expected.get(ids[20]!)!.title = 'last word';
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await runCli(['--data', dataDir, '--no-rate-limit']);
    try {
      expect(second.apiKey).toBe(first.apiKey);
      for (const [id, want] of expected) {
        const res = await api(second.url, second.apiKey, 'GET', `/threads/${id}`);
        expect(res.status).toBe(200);
        expect(checkResponse('retrieveThread', 200, res.body).valid).toBe(true);
        expect(res.body).toMatchObject(want);
      }
      for (const id of deleted)
        expect((await api(second.url, second.apiKey, 'GET', `/threads/${id}`)).status).toBe(404);
      const list = await api(second.url, second.apiKey, 'GET', '/threads?limit=100');
      expect(list.body.data).toHaveLength(expected.size);
      expect(list.body.data.slice(0, 5).every((t: { isPinned: boolean }) => t.isPinned)).toBe(true);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
    // The saved demo key is readable by its owner only.
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    // The database holds the keys' hashes, never the keys.
    const stored = readFileSync(join(dataDir, 'sandbox.sqlite')).toString('latin1');
    expect(stored).not.toContain(first.apiKey);
    expect(stored).not.toContain(first.apiKey.slice(3, 20));
    expect(stored).toContain(createHash('sha256').update(first.apiKey).digest('hex'));
  });

  it('SIGTERM lets an in-flight request finish, refuses new connections, and exits 0', async () => {
    const cli = await runCli(['--data', dataDir, '--no-rate-limit']);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const body = JSON.stringify({ title: 'in flight' });
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 5)));
        await gate;
        controller.enqueue(new TextEncoder().encode(body.slice(5)));
        controller.close();
      },
    });
    const inFlight = fetch(`${cli.url}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cli.apiKey}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    // Wait until the server has the request, then ask it to stop.
    await new Promise((r) => setTimeout(r, 200));
    cli.child.kill('SIGTERM');
    await cli.waitForOutput('SIGTERM: finishing in-flight requests');
    await expect(fetch(`${cli.url}/threads`, { headers: { authorization: `Bearer ${cli.apiKey}` } })).rejects.toThrow();
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    const created = (await res.json()) as { id: string; title: string };
    expect(created.title).toBe('in flight');
    expect(await cli.exited).toBe(0);

    const again = await runCli(['--data', dataDir, '--no-rate-limit']);
    try {
      const found = await api(again.url, again.apiKey, 'GET', `/threads/${created.id}`);
      expect(found.status).toBe(200);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });
});
