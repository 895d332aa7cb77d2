/** Rate limits, CORS, the docs folder, request ids and the request log. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { call, createThread, start } from './helpers.js';

describe('rate limiting', () => {
  it('refuses the request after the limit with 429, Retry-After and the X-RateLimit headers, per key', async () => {
    const sandbox = await start({ rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const key = sandbox.credentials.demo.apiKey;
      const remaining: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await call(sandbox, 'GET', '/threads', { key });
        expect(res.status).toBe(200);
        remaining.push(res.headers.get('x-ratelimit-remaining')!);
      }
      // A refused request counts too, and says so.
      const bad = await call(sandbox, 'GET', '/threads?limit=0', { key });
      expect(bad.status).toBe(400);
      remaining.push(bad.headers.get('x-ratelimit-remaining')!);
      expect(remaining).toEqual(['2', '1', '0']);

      const limited = await call(sandbox, 'POST', '/threads', { key, json: { title: 'not stored' } });
      expect(limited.status).toBe(429);
      expect(limited.body.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limit_exceeded' });
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');

      const platform = await call(sandbox, 'POST', '/threads/thread_x/pin', { key, scheme: 'apiKey' });
      expect(platform.status).toBe(429);
      expect(platform.body.error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: 429, type: 'rate_limit_error' });
      expect(platform.body.error.details.retry_after).toBe(Number(platform.headers.get('retry-after')));

      // Another key has its own window.
      const other = await call(sandbox, 'GET', '/threads', { key: sandbox.credentials.other.apiKey });
      expect(other.status).toBe(200);
      expect(other.headers.get('x-ratelimit-remaining')).toBe('2');
    } finally {
      await sandbox.close();
    }
  });

  it('is on by default with the standard plan: 100 requests a minute', async () => {
    const sandbox = await start({ rateLimit: undefined });
    try {
      const res = await call(sandbox, 'GET', '/threads', { key: sandbox.credentials.demo.apiKey });
      expect(res.headers.get('x-ratelimit-limit')).toBe('100');
    } finally {
      await sandbox.close();
    }
  });

  it('refuses a limit that would refuse every request', async () => {
    await expect(start({ rateLimit: { limit: 0, windowMs: 60_000 } })).rejects.toThrow(/rateLimit/);
  });

  it('can be turned off', async () => {
    const sandbox = await start({ rateLimit: false });
    try {
      const res = await call(sandbox, 'GET', '/threads', { key: sandbox.credentials.demo.apiKey });
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await sandbox.close();
    }
  });
});

describe('CORS', () => {
  it('answers preflights and lets browsers read the request id and rate-limit headers', async () => {
    const sandbox = await start({ rateLimit: { limit: 10, windowMs: 60_000 } });
    try {
      const preflight = await fetch(`${sandbox.url}/threads/thread_x/metadata`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://example.test',
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

      const res = await call(sandbox, 'GET', '/threads', { key: sandbox.credentials.demo.apiKey });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const exposed = res.headers.get('access-control-expose-headers')!.toLowerCase();
      for (const h of [
        'x-request-id',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
        'retry-after',
      ]) {
        expect(exposed).toContain(h);
      }
      const unauthorized = await call(sandbox, 'GET', '/threads');
      expect(unauthorized.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await sandbox.close();
    }
  });
});

describe('docs folder', () => {
  const docsDir = mkdtempSync(join(tmpdir(), 'freddy-docs-'));
  writeFileSync(join(docsDir, 'index.html'), '<!doctype html><title>Freddy docs</title>');
  afterAll(() => rmSync(docsDir, { recursive: true, force: true }));

  it('is served at /docs/, and / redirects there', async () => {
    const sandbox = await start({ docsDir });
    try {
      const origin = new URL(sandbox.url).origin;
      const root = await fetch(`${origin}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/docs/');
      const page = await fetch(`${origin}/docs/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('Freddy docs');
      const missing = await fetch(`${origin}/docs/nothing.js`);
      expect(missing.status).toBe(404);
      // The API is still there beside the docs.
      expect((await call(sandbox, 'GET', '/threads', { key: sandbox.credentials.demo.apiKey })).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('is not served when no folder is given', async () => {
    const sandbox = await start();
    try {
      const res = await fetch(`${new URL(sandbox.url).origin}/docs/`);
      expect(res.status).toBe(404);
    } finally {
      await sandbox.close();
    }
  });
});

describe('request ids and the request log', () => {
  it('writes one structured line per request, carrying the id sent in x-request-id', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const sandbox = await start({ log: pino(sink) });
    try {
      const key = sandbox.credentials.demo.apiKey;
      const created = await createThread(sandbox, key, { title: 'logged' });
      const ids = new Set<string>();
      const responses = [
        await call(sandbox, 'GET', `/threads/${created.id}`, { key }),
        await call(sandbox, 'GET', '/threads/thread_missing', { key }),
        await call(sandbox, 'GET', '/threads'),
      ];
      for (const r of responses) ids.add(r.headers.get('x-request-id')!);
      expect(ids.size).toBe(3);
      // Each line is written on its answer's 'finish', which may come a turn after the client read it.
      await vi.waitFor(() => expect(lines).toHaveLength(4), { timeout: 30_000, interval: 20 });
      const byId = new Map(lines.map((l) => [l.requestId, l]));
      expect(byId.get(responses[0]!.headers.get('x-request-id'))).toMatchObject({
        method: 'GET',
        status: 200,
        operationId: 'retrieveThread',
        organizationId: sandbox.credentials.demo.organizationId,
      });
      expect(byId.get(responses[1]!.headers.get('x-request-id'))).toMatchObject({ status: 404 });
      expect(byId.get(responses[2]!.headers.get('x-request-id'))).toMatchObject({ status: 401 });
      for (const line of lines) expect(typeof line.ms).toBe('number');
      // Keys never reach the log.
      expect(JSON.stringify(lines)).not.toContain(key);
    } finally {
      await sandbox.close();
    }
  });
});

describe('the docs in the request log', () => {
  it('are logged at debug level only: a page’s files do not bury the API requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'freddy-docs-log-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>docs</title>');
    const records: { level: number; url: string }[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) records.push(JSON.parse(line));
        done();
      },
    });
    const sandbox = await start({ docsDir: dir, log: pino({ level: 'debug' }, sink) });
    try {
      const origin = new URL(sandbox.url).origin;
      const page = await fetch(`${origin}/docs/`);
      expect(page.status).toBe(200);
      await page.text();
      await call(sandbox, 'GET', '/threads', { key: sandbox.credentials.demo.apiKey });
      // A line is written on the answer's 'finish', which a static file's stream reaches on a
      // later turn of the loop than the client's read (a busy machine showed it): wait for both.
      await vi.waitFor(
        () => {
          const levels = Object.fromEntries(records.map((record) => [record.url, record.level]));
          expect(levels).toEqual({ '/docs/': pino.levels.values.debug, '/v1/threads': pino.levels.values.info });
        },
        { timeout: 30_000, interval: 20 },
      );
    } finally {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('requests node cannot parse', () => {
  it('get a JSON 400 with a request id, not a bare one', async () => {
    const sandbox = await start();
    try {
      const { port } = sandbox;
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write('GET /v1/threads HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'),
        );
        let out = '';
        socket.on('data', (chunk) => {
          out += chunk;
        });
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 400 /);
      expect(raw).toMatch(/x-request-id: req_/);
      const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
      expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'malformed_http' });
    } finally {
      await sandbox.close();
    }
  });
});

describe('close()', () => {
  it('can be called twice, and frees the port', async () => {
    const sandbox = await start();
    await Promise.all([sandbox.close(), sandbox.close()]);
    await expect(fetch(`${sandbox.url}/threads`)).rejects.toThrow();
  });
});
