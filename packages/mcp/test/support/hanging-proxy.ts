/**
 * A proxy on 127.0.0.1 in front of the reference server that can hang: a
 * request it is told to hang is forwarded, so the server does (and commits)
 * it, but its answer is never passed on, as an API that accepts a request
 * and never answers. Everything else passes through.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HangingProxy {
  /** Base URL including the target's path (`…/v1`). */
  url: string;
  /** Every request forwarded: method, path and Idempotency-Key. */
  forwarded: { method: string; url: string; idempotencyKey: string | undefined; hung: boolean }[];
  /** Hang every request `matches` accepts from now on, until `hang(undefined)`. */
  hang(matches: ((method: string, url: string) => boolean) | undefined): void;
  close(): Promise<void>;
}

export async function startHangingProxy(target: string): Promise<HangingProxy> {
  const upstream = new URL(target);
  const forwarded: HangingProxy['forwarded'] = [];
  let matches: ((method: string, url: string) => boolean) | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? '';
      const url = req.url ?? '';
      const key = req.headers['idempotency-key'];
      const hung = matches?.(method, url) ?? false;
      forwarded.push({ method, url, idempotencyKey: typeof key === 'string' ? key : undefined, hung });
      const out = request(
        { host: upstream.hostname, port: upstream.port, method, path: url, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            if (hung) return;
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
    hang(next) {
      matches = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
