/**
 * An HTTP proxy on 127.0.0.1 in front of the reference server: it counts
 * what it forwards, and can lose the answer to the first request that
 * matches (after the server has committed it), as a dropped connection
 * would, so a test can see a retry and whether it wrote twice.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Forwarded {
  method: string;
  url: string;
  idempotencyKey: string | undefined;
}

export interface CountingProxy {
  /** Base URL including the target's path (`…/v1`). */
  url: string;
  forwarded: Forwarded[];
  /** Lose the answer to the next request `matches` accepts: forwarded, answered upstream, then the socket cut. */
  loseNext(matches: (method: string, url: string) => boolean): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const forwarded: Forwarded[] = [];
  let lose: ((method: string, url: string) => boolean) | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? '';
      const url = req.url ?? '';
      const key = req.headers['idempotency-key'];
      forwarded.push({ method, url, idempotencyKey: typeof key === 'string' ? key : undefined });
      const losing = lose?.(method, url) === true;
      if (losing) lose = undefined;
      const out = request(
        { host: upstream.hostname, port: upstream.port, method, path: url, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            // The reference server answers a write after its COMMIT: the write is done, its answer lost.
            if (losing) return void req.socket.destroy();
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
          });
        },
      );
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    forwarded,
    loseNext(matches) {
      lose = matches;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
