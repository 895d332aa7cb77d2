/**
 * The docs stage with a docs folder like the built one: Markdown and the
 * llms files in UTF-8 Markdown, `/docs/` negotiated on `Accept` (with
 * `Vary: Accept`), and every bad path (unknown pages, `..` raw and
 * percent-encoded, NUL, overlong names, broken escapes) the documented 404
 * in the API's error envelope, never a file from outside the folder, never
 * a 500. Both ways sirv serves: a folder there at start (indexed once), and
 * one built after the start (looked up per request).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileAt, createSpecAjv, formatErrors } from '@freddy/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, suiteSandbox } from './helpers.js';
import { type RawAnswer, send } from './raw-http.js';

const SECRET = 'secret outside the docs folder';
const INDEX_HTML = '<!doctype html><title>Freddy docs</title>';
const LLMS = '# Freddy Threads API\n\n> Threads → Markdown.\n';
const PAGE = '# Pin thread\n\n`POST /threads/{thread_id}/pin` → a pin status…\n';

const validErrorBody = compileAt(createSpecAjv(contract.document), '#/components/schemas/ErrorResponse');

/** A docs folder in a fresh temp dir, with a file beside it that no docs path may reach. */
function docsFolder(root: string): string {
  const dir = join(root, 'site');
  mkdirSync(join(dir, 'operations'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'llms.txt'), LLMS);
  writeFileSync(join(dir, 'llms-full.txt'), `${LLMS}\n${PAGE}`);
  writeFileSync(join(dir, 'operations', 'pin-thread.md'), PAGE);
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'site-secret.md'), SECRET);
  return dir;
}

const BAD_PATHS: [what: string, path: string][] = [
  ['an unknown page', '/docs/nothing.md'],
  ['an unknown operation page', '/docs/operations/nope.md'],
  ['a folder', '/docs/operations/'],
  ['.. raw', '/docs/../secret.txt'],
  ['.. raw, deeper', '/docs/operations/../../secret.txt'],
  ['.. into a sibling folder with the same prefix', '/docs/../site-secret.md'],
  ['%2e%2e', '/docs/%2e%2e/secret.txt'],
  ['%2E%2E upper case', '/docs/%2E%2E/secret.txt'],
  ['..%2f', '/docs/..%2fsecret.txt'],
  ['%2e%2e%2f', '/docs/%2e%2e%2fsecret.txt'],
  ['%2e%2e%2f deeper', '/docs/operations/%2e%2e%2f%2e%2e%2fsecret.txt'],
  ['%252e double-encoded', '/docs/%252e%252e/secret.txt'],
  ['..%5c backslash', '/docs/..%5csecret.txt'],
  ['.. many times over', `/docs/${'%2e%2e/'.repeat(400)}secret.txt`],
  ['%00 after a name', '/docs/llms.txt%00'],
  ['%00 before an extension', '/docs/llms.txt%00.html'],
  ['%00 alone', '/docs/%00'],
  ['%00 in a folder', '/docs/operations/%00/pin-thread.md'],
  ['a name longer than a file system allows', `/docs/${'a'.repeat(300)}.md`],
  ['a path longer than a file system allows', `/docs/${'a/'.repeat(2_500)}x.md`],
  ['a broken percent escape', '/docs/%E0%A4%A.md'],
  ['a percent sign that escapes nothing', '/docs/%zz'],
];

function expectDocumented404(answer: RawAnswer, what: string): void {
  expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).toBe(404);
  expect(answer.headers['content-type'], what).toMatch(/^application\/json/);
  expect(answer.headers['x-request-id'], what).toMatch(/^req_/);
  expect(answer.text, what).not.toContain(SECRET);
  const body = JSON.parse(answer.text);
  expect(validErrorBody(body), `${what}: ${formatErrors(validErrorBody.errors)}`).toBe(true);
  expect(body.error, what).toMatchObject({ type: 'not_found_error', code: 'route_not_found' });
}

describe.each([
  ['built before the start', true],
  ['built after the start', false],
])('docs folder %s', (_, builtFirst) => {
  const root = mkdtempSync(join(tmpdir(), 'freddy-docs-md-'));
  if (builtFirst) docsFolder(root);
  const sandbox = suiteSandbox({ docsDir: join(root, 'site') });
  // Registered after the sandbox's start, so it runs once the server is up.
  beforeAll(() => {
    if (!builtFirst) docsFolder(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const port = () => Number(new URL(sandbox.url).port);
  const get = (path: string, headers: Record<string, string> = {}) => send(port(), { method: 'GET', path, headers });

  it('serves .md and .txt as Markdown in UTF-8', async () => {
    for (const [path, text] of [
      ['/docs/llms.txt', LLMS],
      ['/docs/llms-full.txt', `${LLMS}\n${PAGE}`],
      ['/docs/operations/pin-thread.md', PAGE],
    ] as const) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-type'], path).toBe('text/markdown; charset=utf-8');
      expect(answer.text, path).toBe(text);
    }
    const html = await get('/docs/index.html');
    expect(html.headers['content-type']).toBe('text/html;charset=utf-8');
  });

  it('answers /docs/ with the Markdown index to a client that prefers Markdown, with Vary: Accept', async () => {
    for (const accept of [
      'text/markdown',
      'text/markdown, text/html;q=0.9, */*;q=0.1',
      'text/html;q=0.5, text/markdown',
    ]) {
      const answer = await get('/docs/', { accept });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers['content-type'], accept).toBe('text/markdown; charset=utf-8');
      expect(answer.headers.vary, accept).toBe('Accept, Accept-Encoding');
      expect(answer.text, accept).toBe(LLMS);
    }
    const withQuery = await get('/docs/?from=agent', { accept: 'text/markdown' });
    expect(withQuery.text).toBe(LLMS);
    const head = await send(port(), { method: 'HEAD', path: '/docs/', headers: { accept: 'text/markdown' } });
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(head.text).toBe('');
  });

  it('answers /docs/ with the HTML otherwise, with Vary: Accept', async () => {
    for (const accept of [
      undefined,
      '*/*',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'text/html, text/markdown;q=0.5',
      'text/markdown;q=0, text/html',
      // Neither is acceptable: the page is still the answer, not a 406.
      'application/json',
    ]) {
      const answer = await get('/docs/', accept ? { accept } : {});
      expect(answer.status, accept).toBe(200);
      expect(answer.headers['content-type'], accept).toBe('text/html;charset=utf-8');
      expect(answer.headers.vary, accept).toBe('Accept, Accept-Encoding');
      expect(answer.text, accept).toBe(INDEX_HTML);
    }
  });

  it('revalidates each answer of /docs/ against its own ETag', async () => {
    const markdown = await get('/docs/', { accept: 'text/markdown' });
    const html = await get('/docs/');
    expect(markdown.headers.etag).not.toBe(html.headers.etag);
    const again = await get('/docs/', { accept: 'text/markdown', 'if-none-match': String(markdown.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.headers.vary).toBe('Accept, Accept-Encoding');
    expect((await get('/docs/', { 'if-none-match': String(markdown.headers.etag) })).status).toBe(200);
  });

  it.each(BAD_PATHS)('answers %s with the documented 404', async (what, path) => {
    expectDocumented404(await get(path), what);
    expectDocumented404(await get(path, { accept: 'text/markdown' }), `${what}, asking for Markdown`);
  });

  it('keeps serving after every bad path', async () => {
    for (const [, path] of BAD_PATHS) await send(port(), { method: 'HEAD', path });
    expect((await get('/docs/llms.txt')).text).toBe(LLMS);
    expect((await get('/v1/threads', { authorization: `Bearer ${sandbox.credentials.demo.apiKey}` })).status).toBe(200);
  });
});
