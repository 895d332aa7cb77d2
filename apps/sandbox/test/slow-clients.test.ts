/**
 * A client that sends slowly cannot hold a connection open: headers are due
 * within 10 s, the whole request within 30 s, and an idle keep-alive
 * connection is closed after 5 s. Each is proven over a raw socket.
 */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/index.js';
import { suiteSandbox } from './helpers.js';

interface Conversation {
  socket: Socket;
  /** Everything the server sent, and how long after connecting it closed the connection. */
  closed: Promise<{ text: string; afterMs: number }>;
}

function open(sandbox: Sandbox): Promise<Conversation> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(sandbox.port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    const closed = new Promise<{ text: string; afterMs: number }>((done) =>
      socket.once('close', () => done({ text, afterMs: performance.now() - started })),
    );
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

/** Writes `parts` one by one, `everyMs` apart, for as long as the socket is open. */
function trickle(socket: Socket, parts: string[], everyMs: number): void {
  let next = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || next >= parts.length) clearInterval(timer);
    else socket.write(parts[next++]!);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

function expectTimeoutAnswer(text: string): void {
  expect(text).toMatch(/^HTTP\/1\.1 408 /);
  expect(text).toMatch(/\r\nx-request-id: req_/);
  const body = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
  expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'request_timeout' });
}

describe.concurrent('with short limits', () => {
  const sandbox = suiteSandbox({ headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 });

  it('headers that never complete get a 408 and the connection is closed', async () => {
    const { socket, closed } = await open(sandbox);
    socket.write('GET /v1/threads HTTP/1.1\r\nHost: x\r\n');
    trickle(
      socket,
      Array.from({ length: 100 }, (_, i) => `x-slow-${i}: 1\r\n`),
      200,
    );
    const { text, afterMs } = await closed;
    expectTimeoutAnswer(text);
    expect(afterMs).toBeGreaterThanOrEqual(1_000);
  });

  it('a body that never completes gets a 408 and the connection is closed', async () => {
    const { socket, closed } = await open(sandbox);
    socket.write(
      `POST /v1/threads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${sandbox.credentials.demo.apiKey}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{',
    );
    trickle(
      socket,
      Array.from({ length: 100 }, () => ' '),
      200,
    );
    const { text, afterMs } = await closed;
    expectTimeoutAnswer(text);
    expect(afterMs).toBeGreaterThanOrEqual(2_000);
  });
});

describe.concurrent('with the default limits', () => {
  const sandbox = suiteSandbox();

  it('one header line a second: answered 408 and closed within 15 s (headers are due in 10 s)', async () => {
    const { socket, closed } = await open(sandbox);
    socket.write('GET /v1/threads HTTP/1.1\r\n');
    trickle(
      socket,
      Array.from({ length: 60 }, (_, i) => `x-slow-${i}: 1\r\n`),
      1_000,
    );
    const { text, afterMs } = await closed;
    expectTimeoutAnswer(text);
    expect(afterMs).toBeGreaterThanOrEqual(10_000);
    expect(afterMs).toBeLessThan(15_000);
  }, 60_000);

  it('an idle keep-alive connection is closed after its answer', async () => {
    const { socket, closed } = await open(sandbox);
    socket.write('GET /v1/threads HTTP/1.1\r\nHost: x\r\n\r\n');
    const { text, afterMs } = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 401 /);
    expect(afterMs).toBeGreaterThanOrEqual(5_000);
  }, 60_000);
});
