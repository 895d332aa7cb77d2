/**
 * An HTTP proxy on 127.0.0.1 in front of the reference server: it records
 * what it forwards, and can lose the answer to the next request that matches
 * after the server has answered it (so after a write's COMMIT), by cutting
 * the connection or by answering 500 in its place, as a dropped connection
 * or a failing gateway would; or hang every request that matches, passing no
 * answer on at all, as an API that accepts a request and never answers. A
 * test sees the retry, and whether it wrote twice.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Forwarded {
  method: string;
  url: string;
  idempotencyKey: string | undefined;
}

/** How the answer is lost: the socket cut, or a 500 sent instead of it. */
export type AnswerLoss = 'drop the connection' | 'answer 500';

export interface LossyProxy {
  /** Base URL including the target's path (`…/v1`). */
  url: string;
  /** Every request forwarded, in order. */
  forwarded: Forwarded[];
  /** Lose the answer to the next request `matches` accepts (forwarded, answered upstream, then lost); once. */
  loseNext(matches: (method: string, url: string) => boolean, loss?: AnswerLoss): void;
  /**
   * Hang every request `matches` accepts from now on (forwarded, answered upstream, the answer never
   * passed on), until `hang(undefined)`.
   */
  hang(matches: ((method: string, url: string) => boolean) | undefined): void;
  close(): Promise<void>;
}

const LOST_ANSWER = '{"error":{"message":"lost","type":"api_error","code":"internal_error"}}';

export async function startLossyProxy(target: string): Promise<LossyProxy> {
  const upstream = new URL(target);
  const forwarded: Forwarded[] = [];
  let pending: { matches: (method: string, url: string) => boolean; loss: AnswerLoss } | undefined;
  let hanging: ((method: string, url: string) => boolean) | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? '';
      const url = req.url ?? '';
      const key = req.headers['idempotency-key'];
      forwarded.push({ method, url, idempotencyKey: typeof key === 'string' ? key : undefined });
      const loss = pending?.matches(method, url) ? pending.loss : undefined;
      if (loss) pending = undefined;
      const hung = hanging?.(method, url) ?? false;
      const out = request(
        { host: upstream.hostname, port: upstream.port, method, path: url, headers: req.headers },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            if (hung) return;
            if (loss === 'drop the connection') return void req.socket.destroy();
            if (loss === 'answer 500')
              return void res.writeHead(500, { 'content-type': 'application/json' }).end(LOST_ANSWER);
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
    loseNext(matches, loss = 'drop the connection') {
      pending = { matches, loss };
    },
    hang(matches) {
      hanging = matches;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
