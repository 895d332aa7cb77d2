// Serves the built docs site on 127.0.0.1 with sirv, each file as its prebuilt
// brotli or gzip copy when the client accepts one. `pnpm start` runs this
// file (port from DOCS_PORT, default 4011); tests, the bench and `pnpm dev`
// import startSiteServer() to serve it on an ephemeral port, under a sub-path
// (as the reference server does at /docs/), or with live reload.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Negotiator from 'negotiator';
import sirv from 'sirv';

export const defaultSiteDir = fileURLToPath(new URL('../site', import.meta.url));

const LIVE_RELOAD_PATH = '__livereload';
// As the reference server sends them (apps/sandbox/src/http/stages/docs-files.ts): the encoding is
// negotiator's choice, q values honoured, br > gzip > identity among equals; sirv, which finds `br`
// in `br;q=0` too, is shown only that one. Nothing is fingerprinted, so every file is revalidated.
const ENCODINGS = ['br', 'gzip', 'identity'];
const COMPRESSED_COPY = /\.(br|gz)$/i;
const chooseEncoding = (req) => new Negotiator(req).encoding(ENCODINGS, { preferred: ENCODINGS }) ?? 'identity';
// Only ever added by this server in dev mode; the built page has no such script.
const liveReloadScript = (path) =>
  `<script>new EventSource(${JSON.stringify(path)}).addEventListener('reload', () => location.reload());</script>`;

/**
 * @param {{ root?: string, port?: number, prefix?: string, liveReload?: boolean }} [options]
 * @returns {Promise<{ url: string, port: number, reload(): void, close(): Promise<void> }>}
 */
export async function startSiteServer(options = {}) {
  const { root = defaultSiteDir, port = 0, prefix = '/', liveReload = false } = options;
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  // Markdown and the llms files in UTF-8, as the reference server sends them (mrmime gives no charset).
  const setHeaders = (res, pathname) => {
    if (/\.(md|txt)$/i.test(pathname)) res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
    // The If-None-Match set ahead for a 304 (below) did not match: sirv sends the file's own ETag.
    res.removeHeader('ETag');
  };
  const assets = sirv(root, { dev: liveReload, etag: true, brotli: true, gzip: true, setHeaders });
  const clients = new Set();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === base.slice(0, -1)) {
      res.writeHead(301, { Location: base });
      return res.end();
    }
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('Not found');
    }
    const rest = url.pathname.slice(base.length);
    if (liveReload && rest === LIVE_RELOAD_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (liveReload && (rest === '' || rest === 'index.html')) {
      const html = await readFile(join(root, 'index.html'), 'utf8');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      // The last </body>: the inlined Redoc bundle has that text inside its scripts too.
      const at = html.lastIndexOf('</body>');
      return res.end(`${html.slice(0, at)}${liveReloadScript(`${base}${LIVE_RELOAD_PATH}`)}${html.slice(at)}`);
    }
    const notFound = () => {
      res.removeHeader('ETag');
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
    };
    if (COMPRESSED_COPY.test(rest)) return notFound();
    req.url = `/${rest}${url.search}`;
    req.headers['accept-encoding'] = chooseEncoding(req);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    // sirv's 304 comes only for an If-None-Match equal to the file's ETag, and without it: set ahead, it is that value.
    if (req.headers['if-none-match']) res.setHeader('ETag', req.headers['if-none-match']);
    assets(req, res, notFound);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}${base}`,
    port: actualPort,
    reload() {
      for (const client of clients) client.write('event: reload\ndata: {}\n\n');
    },
    close() {
      for (const client of clients) client.end();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// import.meta.main, not a comparison of paths, which a space or a symlink in the path would defeat.
if (import.meta.main) {
  const site = await startSiteServer({ port: Number(process.env.DOCS_PORT ?? 4011) });
  console.log(`Freddy Threads API docs: ${site.url}`);
  console.log('The reference server (pnpm --filter @freddy/sandbox start) serves the same site at /docs/.');
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => site.close().then(() => process.exit(0)));
}
