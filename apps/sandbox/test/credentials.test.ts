/**
 * One credential per request: `X-API-Key` and `Authorization: Bearer` that
 * name different keys are refused with the documented 400, on every
 * operation, in its own envelope, before either key is used (nothing is
 * written, neither key's rate-limit window is spent), and the answer repeats
 * neither key. The same key in both headers is one credential.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyFor, type CallResult, call, contract, createThread, pathFor, suiteSandbox } from './helpers.js';

const logLines: string[] = [];
const sandbox = suiteSandbox({
  rateLimit: { limit: 1000, windowMs: 60_000 },
  log: pino(
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  ),
});
let a: string;
let b: string;
let threadOfA: { id: string; title: string };
beforeAll(async () => {
  a = sandbox.credentials.demo.apiKey;
  b = sandbox.credentials.other.apiKey;
  threadOfA = await createThread(sandbox, a, { title: 'A only' });
});

/** A request with exactly these credential headers (no `key` of the helper's own). */
function send(method: string, path: string, headers: Record<string, string>, json?: unknown): Promise<CallResult> {
  return call(sandbox, method, path, { headers, ...(json === undefined ? {} : { json }) });
}

/** Each operation of the contract, called on organization A's thread, with a body its schema takes. */
const requests = contract.operations.map((operation) => ({
  id: operation.id,
  method: operation.method,
  path: () => pathFor(operation, { thread_id: threadOfA.id }),
  json: bodyFor(operation),
  platform: operation.errorSchema === 'PlatformErrorResponse',
}));

function expectRefused(res: CallResult, platform: boolean): void {
  expect(res.status).toBe(400);
  if (platform) {
    expect(res.body).toMatchObject({ success: false, error: { code: 'CONFLICTING_CREDENTIALS', status: 400 } });
  } else {
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'conflicting_credentials' });
  }
  for (const key of [a, b]) {
    expect(res.text).not.toContain(key);
    for (const [, value] of res.headers) expect(value).not.toContain(key);
  }
  // Refused before any key counted: no window to report.
  expect(res.headers.get('x-ratelimit-remaining')).toBeNull();
}

async function remaining(key: string): Promise<number> {
  return Number((await call(sandbox, 'GET', '/threads', { key })).headers.get('x-ratelimit-remaining'));
}

describe('X-API-Key and a bearer token naming different keys', () => {
  it.each(requests.map((r) => [r.id, r] as const))(
    '%s: 400, in its own envelope, naming neither key',
    async (_id, r) => {
      expectRefused(
        await send(r.method, r.path(), { authorization: `Bearer ${a}`, 'x-api-key': b }, r.json),
        r.platform,
      );
      expectRefused(
        await send(r.method, r.path(), { authorization: `Bearer ${b}`, 'x-api-key': a }, r.json),
        r.platform,
      );
    },
  );

  it('changes nothing for either organization and spends neither key’s window', async () => {
    const before = [await remaining(a), await remaining(b)];
    const headers = { authorization: `Bearer ${a}`, 'x-api-key': b };
    await send('POST', '/threads', headers, { title: 'never' });
    await send('POST', `/threads/${threadOfA.id}`, headers, { title: 'changed' });
    await send('POST', `/threads/${threadOfA.id}/pin`, headers);
    await send('DELETE', `/threads/${threadOfA.id}`, headers);
    const after = [await remaining(a), await remaining(b)];
    // Each `remaining` call is one request of its own key, and nothing else counted.
    expect(after).toEqual([before[0]! - 1, before[1]! - 1]);
    const kept = await call(sandbox, 'GET', `/threads/${threadOfA.id}`, { key: a });
    expect(kept.body).toMatchObject({ title: 'A only', isPinned: false });
    for (const key of [a, b]) {
      const titles = (await call(sandbox, 'GET', '/threads', { key })).body.data.map((t: { title: string }) => t.title);
      expect(titles).not.toContain('never');
    }
  });

  it('is refused even when one of the two is not a valid key, rather than served as the valid one', async () => {
    const unknown = 'ak_not_a_real_key_000000000000';
    expectRefused(await send('GET', '/threads', { authorization: `Bearer ${a}`, 'x-api-key': unknown }), false);
    const pin = await send('POST', `/threads/${threadOfA.id}/pin`, {
      authorization: `Bearer ${unknown}`,
      'x-api-key': a,
    });
    expectRefused(pin, true);
    expect(pin.text).not.toContain(unknown);
  });

  it('is refused when the Authorization header beside X-API-Key is not a bearer token', async () => {
    const basic = `Basic ${Buffer.from(`user:${a}`).toString('base64')}`;
    expectRefused(await send('POST', `/threads/${threadOfA.id}/pin`, { authorization: basic, 'x-api-key': a }), true);
  });

  it('never reaches the request log', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('');
    expect(log).toContain('"status":400');
    expect(log).not.toContain(a);
    expect(log).not.toContain(b);
  });
});

describe('the same key in both headers', () => {
  it('is one credential: pin (which reads either header) and retrieve (bearer only) serve it', async () => {
    const headers = { authorization: `Bearer ${a}`, 'x-api-key': a };
    const pin = await send('POST', `/threads/${threadOfA.id}/pin`, headers);
    expect(pin.status).toBe(200);
    expect(pin.body).toMatchObject({ is_pinned: true });
    const retrieved = await send('GET', `/threads/${threadOfA.id}`, headers);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body.organizationId).toBe(sandbox.credentials.demo.organizationId);
    const unpin = await send('POST', `/threads/${threadOfA.id}/unpin`, headers);
    expect(unpin.status).toBe(200);
  });
});

describe('one credential alone', () => {
  it('still works in either header where the operation reads it, and is still 401 where it does not', async () => {
    expect((await send('POST', `/threads/${threadOfA.id}/pin`, { 'x-api-key': b })).status).toBe(404);
    expect((await send('GET', `/threads/${threadOfA.id}`, { authorization: `Bearer ${a}` })).status).toBe(200);
    const apiKeyOnly = await send('GET', `/threads/${threadOfA.id}`, { 'x-api-key': a });
    expect(apiKeyOnly.status).toBe(401);
    expect(apiKeyOnly.body.error.code).toBe('missing_authentication');
  });
});
