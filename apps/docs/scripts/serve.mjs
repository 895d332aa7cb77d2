// Serves the built docs site on 127.0.0.1 (port from DOCS_PORT, default 4011).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

const port = Number(process.env.DOCS_PORT ?? 4011);
const site = fileURLToPath(new URL('../site', import.meta.url));
const server = createServer(sirv(site, { dev: false, single: false }));
server.listen(port, '127.0.0.1', () => {
  console.log(`Freddy Threads API docs: http://127.0.0.1:${port}/`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
