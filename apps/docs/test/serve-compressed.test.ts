/**
 * The docs' own server (`scripts/serve.mjs`, what the tests, the bench and
 * `pnpm dev` serve the site with) sends the built site as the reference
 * server does: each file as its prebuilt brotli or gzip copy by
 * `Accept-Encoding`, with `Vary`, a weak ETag per encoding, a 304 that
 * carries it, and `Cache-Control: no-cache`; and `fetch` reads it decoded.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, startSiteServer } from '../scripts/serve.mjs';
import { CLIENT_ENTRY, consoleDir } from '../src/console/build.js';
import { siteDir } from '../src/paths.js';
import { requireBuiltSite } from './support/site.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request; the body as the bytes that came over the wire (undici's request, unlike fetch, leaves them encoded). */
async function send(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const answer = await request(`http://127.0.0.1:${port}${path}`, { method, headers, reset: true });
  return { status: answer.statusCode, headers: answer.headers, body: Buffer.from(await answer.body.arrayBuffer()) };
}

// The console's entry (Scalar's API client, bundled): the largest script a reader's browser fetches.
const clientEntry = relative(siteDir, join(consoleDir, CLIENT_ENTRY));

describe('the site served by scripts/serve.mjs', () => {
  let site: SiteServer;
  beforeAll(async () => {
    requireBuiltSite();
    site = await startSiteServer({ prefix: '/docs/' });
  });
  afterAll(() => site?.close());
  const file = (path: string) => readFileSync(join(siteDir, path));

  it.each([
    ['/docs/', 'index.html', 'text/html'],
    [`/docs/${clientEntry}`, clientEntry, 'text/javascript'],
    ['/docs/llms.txt', 'llms.txt', 'text/markdown'],
  ])('sends %s as its brotli copy, its gzip copy, or as it is, by Accept-Encoding', async (path, name, type) => {
    const br = await send(site.port, path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.equals(file(`${name}.br`))).toBe(true);
    expect(brotliDecompressSync(br.body).equals(file(name))).toBe(true);
    expect(br.headers['content-type']).toContain(type);

    const gzip = await send(site.port, path, { 'accept-encoding': 'br;q=0, gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(file(name))).toBe(true);

    const identity = await send(site.port, path, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(file(name))).toBe(true);

    for (const answer of [br, gzip, identity]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers.etag).toMatch(/^W\/"/);
    }
    expect(new Set([br, gzip, identity].map((answer) => answer.headers.etag)).size).toBe(3);
  });

  it('answers an If-None-Match of the same encoding with a 304 that carries the ETag', async () => {
    const first = await send(site.port, '/docs/', { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    const again = await send(site.port, '/docs/', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers.vary).toBe('Accept-Encoding');
    const otherEncoding = await send(site.port, '/docs/', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(otherEncoding.status).toBe(200);
    expect(otherEncoding.headers.etag).not.toBe(etag);
  });

  it('answers HEAD with the GET’s headers and no body, and never sends a copy asked for by name', async () => {
    const head = await send(site.port, '/docs/', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(String(file('index.html.br').length));
    expect(head.body.length).toBe(0);
    const byName = await send(site.port, '/docs/index.html.br', { 'accept-encoding': 'br' });
    expect(byName.status).toBe(404);
    expect(byName.headers.etag).toBeUndefined();
  });

  it('is read decoded by fetch', async () => {
    const page = await fetch(site.url);
    expect(page.headers.get('content-encoding')).not.toBeNull();
    expect(await page.text()).toBe(file('index.html').toString());
  });
});
