// Serves the built docs site on 127.0.0.1 as the reference server does, each file as its prebuilt
// brotli or gzip copy when the client accepts one. `pnpm start` runs this
// file (port from DOCS_PORT, default 4011); tests, the bench and `pnpm dev`
// import startSiteServer() to serve it on an ephemeral port, under a sub-path
// (as the reference server does at /docs/), or with live reload.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDocsFiles } from '@freddy/sandbox';

export const defaultSiteDir = fileURLToPath(new URL('../site', import.meta.url));

const LIVE_RELOAD_PATH = '__livereload';
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
  // Exactly as the reference server sends them: the prebuilt brotli or gzip copy by Accept-Encoding,
  // a weak ETag per encoding, no-cache, Markdown in UTF-8; a rebuilt file is found at once in dev.
  const assets = serveDocsFiles(root, { lookUpPerRequest: liveReload });
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
    req.url = `/${rest}${url.search}`;
    assets(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
    });
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
