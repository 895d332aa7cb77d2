/**
 * Every non-2xx becomes a FreddyApiError of the status's class with the same
 * fields whichever envelope the server used; and the credential never shows
 * in anything the client throws or returns, even when the server echoes it.
 */
import { inspect } from 'node:util';
import { describeContract } from '@freddy/spec';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createFreddyClient,
  FreddyApiError,
  FreddyConnectionError,
  FreddyError,
  FreddyTimeoutError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
} from '../src/index.js';
import { type FaultServer, startFaultServer, threadFixture } from './support/fault-server.js';
import { callOperation } from './support/operation-calls.js';

const { operations } = describeContract();

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const SECRET = 'ak_live_5f3c9e1d2b7a4c8e';
const client = (options: { apiKey?: string; bearerToken?: string } = { apiKey: SECRET }) =>
  createFreddyClient({ ...options, baseUrl: server.url, maxRetries: 0, timeoutMs: 0 });

describe('both envelopes give the same error fields', () => {
  test('the Freddy envelope, with the request id from x-request-id', async () => {
    server.script({
      status: 404,
      headers: { 'x-request-id': 'req_123' },
      body: {
        error: {
          message: 'Thread not found or access denied',
          type: 'not_found_error',
          code: 'thread_not_found',
          param: 'thread_id',
        },
      },
    });
    const error: NotFoundError = await client()
      .threads.retrieve('thread_missing')
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(FreddyApiError);
    expect(error).toBeInstanceOf(FreddyError);
    expect(error).toMatchObject({
      name: 'NotFoundError',
      status: 404,
      code: 'thread_not_found',
      type: 'not_found_error',
      param: 'thread_id',
      requestId: 'req_123',
      traceId: undefined,
      details: undefined,
    });
    expect(error.message).toBe('404 thread_not_found: Thread not found or access denied');
    expect(error.body).toEqual({
      error: {
        message: 'Thread not found or access denied',
        type: 'not_found_error',
        code: 'thread_not_found',
        param: 'thread_id',
      },
    });
  });

  test('the platform envelope, with trace id and details', async () => {
    const body = {
      success: false,
      error: {
        code: 'RESOURCE_NOT_FOUND',
        message: 'The requested resource could not be found.',
        system_message: 'Thread not found.',
        type: 'client_error',
        status: 404,
        details: { thread_id: 'thrd_missing' },
        trace_id: 'req_abc123xyz',
        timestamp: '2025-12-22T15:30:00Z',
      },
    };
    server.script({ status: 404, body });
    const error: NotFoundError = await client()
      .threads.pin('thrd_missing')
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: 'RESOURCE_NOT_FOUND',
      type: 'client_error',
      param: undefined,
      traceId: 'req_abc123xyz',
      requestId: 'req_abc123xyz',
      details: { thread_id: 'thrd_missing' },
      body,
    });
    expect(error.message).toBe('404 RESOURCE_NOT_FOUND: The requested resource could not be found.');
  });

  test('a body in neither envelope still gives a FreddyApiError', async () => {
    server.script({ status: 502, body: '<html>Bad gateway</html>' });
    const error: InternalServerError = await client()
      .threads.list()
      .catch((e) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(502);
    expect(error.code).toBeUndefined();
    expect(error.body).toBe('<html>Bad gateway</html>');
    expect(error.message).toBe('502: <html>Bad gateway</html>');
  });

  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [413, PayloadTooLargeError],
    [415, UnsupportedMediaTypeError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ])('%i is a %o', async (status, ErrorClass) => {
    server.script({ status, body: { error: { message: 'no', type: 'api_error', code: 'c' } } });
    const error = await client()
      .threads.retrieve('thread_abc123')
      .catch((e) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
  });

  test('a status without a class of its own is a plain FreddyApiError', async () => {
    server.script({ status: 418, body: { error: { message: 'teapot', type: 'api_error', code: 'teapot' } } });
    const error = await client()
      .threads.retrieve('thread_abc123')
      .catch((e) => e);
    expect(error.constructor).toBe(FreddyApiError);
    expect(error.status).toBe(418);
  });

  test('a 2xx with a body that is not JSON is a FreddyError, not retried', async () => {
    server.script({ status: 200, body: 'not json' });
    const error = await createFreddyClient({ apiKey: SECRET, baseUrl: server.url })
      .threads.create()
      .catch((e) => e);
    expect(error).toBeInstanceOf(FreddyError);
    expect(error).not.toBeInstanceOf(FreddyConnectionError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('the credential never leaks', () => {
  const renderings = (value: unknown) => [
    String(value),
    value instanceof Error ? `${value.message}\n${value.stack}` : '',
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
  ];

  test('not in the error of any operation, even when the server echoes the credential in its answer', async () => {
    const echo = (req: { headers: Record<string, unknown> }) =>
      JSON.stringify({
        error: {
          message: `Invalid key ${req.headers['x-api-key'] ?? req.headers.authorization}`,
          type: 'authentication_error',
          code: `bad_${req.headers.authorization ?? req.headers['x-api-key']}`,
          param: String(req.headers.authorization),
        },
        echo: [{ [String(req.headers.authorization ?? req.headers['x-api-key'])]: req.headers }],
      });
    server.script((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
      res.end(echo(req));
    });
    for (const c of [client({ apiKey: SECRET }), client({ bearerToken: SECRET })]) {
      for (const op of operations) {
        const error = (await callOperation(c, op).catch((e: unknown) => e)) as AuthenticationError;
        expect(error).toBeInstanceOf(AuthenticationError);
        // The echo really happened, redacted:
        expect(error.message).toContain('[redacted]');
        for (const text of renderings(error)) expect(text).not.toContain(SECRET);
      }
    }
    expect(server.requests.length).toBe(2 * operations.length);
  });

  test('not in connection errors and timeouts', async () => {
    server.script('reset');
    const reset = await client()
      .threads.retrieve('t')
      .catch((e) => e);
    server.script('hang');
    const timeout = await createFreddyClient({ apiKey: SECRET, baseUrl: server.url, timeoutMs: 50, maxRetries: 0 })
      .threads.list()
      .catch((e) => e);
    expect(reset).toBeInstanceOf(FreddyConnectionError);
    expect(timeout).toBeInstanceOf(FreddyTimeoutError);
    for (const error of [reset, timeout]) for (const text of renderings(error)) expect(text).not.toContain(SECRET);
  });

  test('not in the client object, its raw client, or what the methods return', async () => {
    server.script({ status: 200, body: threadFixture() });
    const c = client();
    const thread = await c.threads.retrieve('thread_abc123');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
    for (const value of [c, c.threads, c.raw, thread])
      for (const text of renderings(value)) expect(text).not.toContain(SECRET);
  });

  test('a client without credentials is refused at creation', () => {
    expect(() => createFreddyClient({ baseUrl: server.url })).toThrow(FreddyError);
  });
});
