/**
 * A scripted HTTP server on 127.0.0.1 for the retry, timeout and error tests:
 * each incoming request is answered by the next step of a script (the last
 * step repeats), and every request is recorded so tests can count attempts
 * and compare what was sent.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Step =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Close the socket without answering: a connection error for the client. */
  | 'reset'
  /** Never answer (until the server closes): a timeout for the client. */
  | 'hang'
  | ((request: ReceivedRequest, res: ServerResponse) => void);

export interface FaultServer {
  /** Base URL including `/v1`. */
  url: string;
  requests: ReceivedRequest[];
  /** Replace the script; also forgets recorded requests. */
  script(...steps: Step[]): void;
  /** Resolves when the server has received `count` requests in total. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  let steps: Step[] = [{ status: 200, body: {} }];
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const step = steps[Math.min(requests.length, steps.length - 1)]!;
      requests.push(received);
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (step === 'reset') return req.socket.destroy();
      if (step === 'hang') return;
      if (typeof step === 'function') return step(received, res);
      const isText = typeof step.body === 'string';
      res.writeHead(step.status, {
        'content-type': isText ? 'text/plain' : 'application/json',
        ...step.headers,
      });
      res.end(isText ? step.body : JSON.stringify(step.body ?? null));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...next) {
      steps = next;
      requests.length = 0;
    },
    received(count) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A thread object valid against the contract, for scripted answers. */
export function threadFixture(id = 'thread_abc123', overrides: Record<string, unknown> = {}) {
  return {
    id,
    object: 'thread',
    createdAt: 1741476542,
    updatedAt: 1741476542,
    metadata: {},
    assistantId: null,
    organizationId: 'ORG_123',
    userId: 'uid_user123',
    title: null,
    visibleInUi: true,
    messageCount: 0,
    status: 'inactive',
    ...overrides,
  };
}
