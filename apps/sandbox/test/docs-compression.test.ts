/**
 * The docs sent compressed, over a real socket: the brotli or gzip copy the
 * docs build writes beside a file, chosen by `Accept-Encoding` (q values
 * honoured, `q=0` refused, br before gzip before identity among equals),
 * with `Content-Encoding`, `Vary: Accept-Encoding`, a weak ETag of its own
 * per encoding that revalidates to a 304 carrying the validators, and
 * `Cache-Control: no-cache`. Both ways sirv serves: a folder there at start,
 * and one built after the start.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding } from '../src/http/stages/docs-files.js';
import { suiteSandbox } from './helpers.js';

const PAGE = `<!doctype html><title>Freddy docs</title>${'<p>Threads, messages, pins. '.repeat(400)}`;
const LLMS = `# Freddy Threads API\n\n${'- [Pin thread](operations/pin-thread.md): pins a thread.\n'.repeat(60)}`;
const SCRIPT = `console.log(${JSON.stringify('scalar '.repeat(500))});\n`;
/** Too small for the build to compress: it has no copies. */
const SMALL = '{"small":true}\n';

/** A docs folder as the docs build leaves it: `.br` and `.gz` beside each larger text file. */
function docsFolder(dir: string): void {
  mkdirSync(join(dir, 'console'), { recursive: true });
  const files: [path: string, text: string][] = [
    ['index.html', PAGE],
    ['llms.txt', LLMS],
    ['console/scalar.js', SCRIPT],
  ];
  for (const [path, text] of files) {
    writeFileSync(join(dir, path), text);
    writeFileSync(join(dir, `${path}.br`), brotliCompressSync(text));
    writeFileSync(join(dir, `${path}.gz`), gzipSync(text));
  }
  writeFileSync(join(dir, 'small.json'), SMALL);
}

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

const decode = { br: brotliDecompressSync, gzip: gunzipSync, identity: (bytes: Buffer) => bytes } as const;

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['gzip;q=0.5, br', 'br'],
    ['*', 'br'],
    ['*;q=0.5, gzip', 'gzip'],
    ['BR', 'br'],
    [undefined, 'identity'],
    ['', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['identity;q=0.5, gzip;q=0.1', 'identity'],
    // Nothing acceptable: the file as it is, rather than a refusal.
    ['identity;q=0, *;q=0', 'identity'],
  ])('Accept-Encoding %j → %s', (acceptEncoding, expected) => {
    expect(chooseEncoding(acceptEncoding)).toBe(expected);
  });
});

describe.each([
  ['built before the start', true],
  ['built after the start', false],
])('compressed docs, folder %s', (_, builtFirst) => {
  const root = mkdtempSync(join(tmpdir(), 'freddy-docs-br-'));
  const dir = join(root, 'site');
  if (builtFirst) docsFolder(dir);
  const sandbox = suiteSandbox({ docsDir: dir });
  beforeAll(() => {
    if (!builtFirst) docsFolder(dir);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    send(sandbox.port, path, headers, method);

  it.each([
    ['br', 'gzip, deflate, br, zstd', '.br'],
    ['gzip', 'gzip, deflate', '.gz'],
    ['gzip', 'br;q=0, gzip', '.gz'],
    ['identity', 'br;q=0, gzip;q=0', ''],
    ['identity', undefined, ''],
  ] as const)(
    'sends %s for Accept-Encoding %j: the prebuilt bytes, as HTML, never cached unchecked',
    async (encoding, acceptEncoding, suffix) => {
      const answer = await get('/docs/', acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding === 'identity' ? undefined : encoding);
      expect(answer.body.equals(readFileSync(join(dir, `index.html${suffix}`)))).toBe(true);
      expect(decode[encoding](answer.body).toString()).toBe(PAGE);
      expect(answer.headers['content-length']).toBe(String(answer.body.length));
      expect(answer.headers['content-type']).toBe('text/html;charset=utf-8');
      expect(answer.headers.vary).toBe('Accept, Accept-Encoding');
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers.etag).toMatch(/^W\/"/);
    },
  );

  it('compresses any file with copies, keeping its type; one without copies goes as it is, still with Vary', async () => {
    const script = await get('/docs/console/scalar.js', { 'accept-encoding': 'br' });
    expect(script.headers['content-encoding']).toBe('br');
    expect(script.headers['content-type']).toBe('text/javascript');
    expect(brotliDecompressSync(script.body).toString()).toBe(SCRIPT);
    expect(script.headers.vary).toBe('Accept-Encoding');

    const markdown = await get('/docs/llms.txt', { 'accept-encoding': 'gzip' });
    expect(markdown.headers['content-encoding']).toBe('gzip');
    expect(markdown.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(gunzipSync(markdown.body).toString()).toBe(LLMS);

    const small = await get('/docs/small.json', { 'accept-encoding': 'br, gzip' });
    expect(small.status).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe(SMALL);
    expect(small.headers.vary).toBe('Accept-Encoding');
  });

  it('sends the Markdown index of /docs/ compressed too, varying on both Accept and Accept-Encoding', async () => {
    const answer = await get('/docs/', { accept: 'text/markdown', 'accept-encoding': 'br' });
    expect(answer.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(answer.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(answer.body).toString()).toBe(LLMS);
    expect(answer.headers.vary).toBe('Accept, Accept-Encoding');
  });

  it('gives each encoding its own weak ETag, and answers a matching If-None-Match with a 304 that carries the validators', async () => {
    const etags = new Map<string, string>();
    for (const encoding of ['br', 'gzip', 'identity']) {
      const answer = await get('/docs/', { 'accept-encoding': encoding });
      etags.set(encoding, String(answer.headers.etag));
    }
    expect(new Set(etags.values()).size).toBe(3);

    const br = etags.get('br')!;
    const revalidated = await get('/docs/', { 'accept-encoding': 'gzip, br', 'if-none-match': br });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(br);
    expect(revalidated.headers.vary).toBe('Accept, Accept-Encoding');
    expect(revalidated.headers['cache-control']).toBe('no-cache');

    // The brotli copy's ETag is not the gzip copy's: a client taking gzip gets the file, with gzip's ETag.
    const other = await get('/docs/', { 'accept-encoding': 'gzip', 'if-none-match': br });
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBe('gzip');
    expect(other.headers.etag).toBe(etags.get('gzip'));
    expect(gunzipSync(other.body).toString()).toBe(PAGE);
  });

  it('answers HEAD with the headers of the GET and no body', async () => {
    const headers = { 'accept-encoding': 'br' };
    const [got, head] = [await get('/docs/', headers), await get('/docs/', headers, 'HEAD')];
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-encoding', 'content-length', 'content-type', 'etag', 'vary', 'cache-control'])
      expect(head.headers[name], name).toBe(got.headers[name]);
  });

  it('never sends a compressed copy asked for by name: the documented 404', async () => {
    for (const path of ['/docs/index.html.br', '/docs/console/scalar.js.gz', '/docs/index.html.BR?x=1']) {
      const answer = await get(path, { 'accept-encoding': 'br, gzip' });
      expect(answer.status, path).toBe(404);
      expect(answer.headers['content-type'], path).toMatch(/^application\/json/);
      expect(answer.headers['x-request-id'], path).toMatch(/^req_/);
      expect(answer.headers.etag, path).toBeUndefined();
    }
    // Nor does a 404 carry the If-None-Match that was set ahead for a 304.
    const missing = await get('/docs/nothing.html', { 'if-none-match': 'W/"1-2"' });
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });

  it('is decoded transparently by fetch', async () => {
    for (const encoding of ['br', 'gzip', 'identity']) {
      const answer = await fetch(`${new URL(sandbox.url).origin}/docs/`, { headers: { 'accept-encoding': encoding } });
      expect(answer.headers.get('content-encoding')).toBe(encoding === 'identity' ? null : encoding);
      expect(await answer.text(), encoding).toBe(PAGE);
    }
  });
});
