/**
 * A fault inside an operation is a 500 in the operation's envelope, valid per
 * the contract, and the server keeps serving. The sandbox has no way to make
 * its own operations fail, so the real pipeline is given a throwing step.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxApp, type SandboxApp } from '../src/app.js';
import { checkResponse } from './helpers.js';

let app: SandboxApp;
let server: Server;
let base: string;
let key: string;

beforeAll(async () => {
  const broken = () => {
    throw new Error('disk on fire');
  };
  app = createSandboxApp(
    // A silent logger keeps the expected stack traces out of the test output.
    { memory: true, rateLimit: false, log: pino({ level: 'silent' }) },
    (operations) => ({ ...operations, retrieveThread: broken, pinThread: broken }),
  );
  key = app.credentials.demo.apiKey;
  server = createServer(app.handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  app.close();
});

describe('an unexpected fault', () => {
  it('is a 500 in the Freddy envelope for a Freddy operation, without the internal message', async () => {
    const res = await fetch(`${base}/threads/thread_x`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(checkResponse('retrieveThread', 500, body).errors).toBe('');
    expect(body).toEqual({
      error: { message: 'The server failed to process the request', type: 'api_error', code: 'internal_error' },
    });
  });

  it('is a 500 in the platform envelope for pin, with the request id as trace_id', async () => {
    const res = await fetch(`${base}/threads/thread_x/pin`, { method: 'POST', headers: { 'x-api-key': key } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; trace_id: string } };
    expect(checkResponse('pinThread', 500, body).errors).toBe('');
    expect(body.error.code).toBe('INTERNAL_ERROR');
    expect(body.error.trace_id).toBe(res.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toContain('disk on fire');
  });

  it('leaves the other operations working', async () => {
    const res = await fetch(`${base}/threads`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
  });
});
