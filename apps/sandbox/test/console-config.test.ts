/**
 * The docs console's settings (`/docs/console/config.json`) carry the demo
 * key, so each guard in front of them is shown refusing the request it is
 * there for.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, suiteSandbox } from './helpers.js';
import { send } from './raw-http.js';

const CONFIG = '/docs/console/config.json';

describe('the docs console settings', () => {
  const docsDir = mkdtempSync(join(tmpdir(), 'freddy-console-'));
  writeFileSync(join(docsDir, 'index.html'), '<!doctype html><title>Freddy docs</title>');
  const sandbox = suiteSandbox({ docsDir });
  let port: number;
  beforeAll(() => {
    port = Number(new URL(sandbox.url).port);
  });
  afterAll(() => rmSync(docsDir, { recursive: true, force: true }));

  it("give a page of this origin the server's base URL and the demo key, never cached, no CORS", async () => {
    const answer = await send(port, {
      method: 'GET',
      path: CONFIG,
      headers: { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      apiKey: sandbox.credentials.demo.apiKey,
    });
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answer HEAD with the headers and no body', async () => {
    const answer = await send(port, { method: 'HEAD', path: CONFIG, headers: { host: `localhost:${port}` } });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
  });

  // Built per test: the port is only known once the sandbox listens.
  it.each([
    ['a cross-site fetch', (p: number) => ({ host: `127.0.0.1:${p}`, 'sec-fetch-site': 'cross-site' })],
    ['a same-site fetch from another port', (p: number) => ({ host: `127.0.0.1:${p}`, 'sec-fetch-site': 'same-site' })],
    ['a DNS-rebound host name', (p: number) => ({ host: `attacker.example:${p}` })],
    ['a public address', (p: number) => ({ host: `203.0.113.7:${p}` })],
  ])('are refused to %s: the key is in no answer', async (_, headers) => {
    const answer = await send(port, { method: 'GET', path: CONFIG, headers: headers(port) });
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain(sandbox.credentials.demo.apiKey);
  });

  it('are not there when no docs are served', async () => {
    const bare = await start();
    try {
      const bport = Number(new URL(bare.url).port);
      const answer = await send(bport, { method: 'GET', path: CONFIG, headers: { host: `127.0.0.1:${bport}` } });
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain(bare.credentials.demo.apiKey);
    } finally {
      await bare.close();
    }
  });
});
