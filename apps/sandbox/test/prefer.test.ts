/**
 * Chosen answers: every documented status and every named example of every
 * operation is reachable through `Prefer` (or `__sandbox_prefer`), answered
 * with the contract's example and the headers its response documents, after
 * authentication, without writing anything.
 */
import type { ContractOperation } from '@freddy/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyFor, call, checkResponse, contract, createThread, pathFor, start, suiteSandbox } from './helpers.js';

const sandbox = suiteSandbox({ rateLimit: { limit: 10_000, windowMs: 60_000 } });
let key: string;

beforeAll(() => {
  key = sandbox.credentials.demo.apiKey;
});

/** The path with each parameter's documented example: nothing is read, so no thread need exist. */
const pathOf = (operation: ContractOperation) => pathFor(operation);

/** One request with a Prefer header (or query parameter), checked against the contract; any status allowed. */
async function prefer(
  operation: ContractOperation,
  preference: string,
  options: { viaQuery?: boolean; query?: string; authorization?: string | null } = {},
) {
  const headers: Record<string, string> = {};
  if (options.authorization !== null) headers.authorization = options.authorization ?? `Bearer ${key}`;
  let url = `${sandbox.url}${pathOf(operation)}`;
  const query = [options.query, options.viaQuery ? `__sandbox_prefer=${encodeURIComponent(preference)}` : undefined]
    .filter(Boolean)
    .join('&');
  if (query) url += `?${query}`;
  if (!options.viaQuery) headers.prefer = preference;
  const res = await fetch(url, { method: operation.method, headers });
  const body = (await res.json()) as any;
  const check = checkResponse(operation.id, res.status, body);
  expect(check.errors, `${operation.id} ${preference} → ${res.status} ${JSON.stringify(body)}`).toBe('');
  expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  return { status: res.status, headers: res.headers, body };
}

/** The documented example, with the platform envelope's trace id and timestamp being the answer's own. */
function expectExample(answer: { headers: Headers; body: any }, value: any) {
  if (value?.success === false) {
    expect(answer.body).toEqual({
      ...value,
      error: { ...value.error, trace_id: answer.headers.get('x-request-id'), timestamp: expect.any(String) },
    });
  } else expect(answer.body).toEqual(value);
}

const cases = contract.operations.flatMap((operation) =>
  operation.responses.map((response) => [operation.id, response.status, operation, response] as const),
);

describe('Prefer: code=N', () => {
  it.each(cases)('%s answers its documented %i', async (_, status, operation, response) => {
    const answer = await prefer(operation, `code=${status}`);
    expect(answer.status).toBe(status);
    expectExample(answer, response.examples[0]!.value);
    for (const header of response.headers) {
      expect(answer.headers.get(header.name), `${header.name} on ${status}`).not.toBeNull();
    }
    if (status === 429) {
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
    } else expect(answer.headers.get('retry-after')).toBeNull();
    expect(answer.headers.get('x-ratelimit-limit')).toBe('10000');
  });

  it('covers 403 and 500 on every operation', () => {
    for (const operation of contract.operations) {
      const statuses = operation.responses.map((r) => r.status);
      expect(statuses.some((status) => status >= 200 && status < 300)).toBe(true);
      expect(statuses).toEqual(expect.arrayContaining([401, 403, 429, 500]));
    }
  });
});

describe('Prefer: example=Name', () => {
  const named = cases.flatMap(([id, status, operation, response]) =>
    response.examples.map((example) => [id, example.name, status, operation, example.value] as const),
  );
  it.each(named)('%s answers its example %s (%i)', async (_, name, status, operation, value) => {
    const answer = await prefer(operation, `example=${name}`);
    expect(answer.status).toBe(status);
    expectExample(answer, value);
  });

  it('picks a named example of the status given with it', async () => {
    const answer = await prefer(contract.operation('createThread'), 'code=422, example=MetadataLimitExceeded');
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('metadata_limit_exceeded');
  });
});

describe('the __sandbox_prefer query parameter', () => {
  it('does what the header does, beside the operation’s own query parameters', async () => {
    const list = contract.operation('listThreads');
    const answer = await prefer(list, 'code=403', { viaQuery: true, query: 'limit=5&order=asc' });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('insufficient_permissions');
    const retrieve = await prefer(contract.operation('retrieveThread'), 'example=ThreadNotFoundSeed', {
      viaQuery: true,
    });
    expect(retrieve.status).toBe(404);
  });
});

describe('what a chosen answer is not', () => {
  it('a way round authentication: no key is still the real 401', async () => {
    const answer = await prefer(contract.operation('retrieveThread'), 'code=200', { authorization: null });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('missing_authentication');
    const wrong = await prefer(contract.operation('pinThread'), 'code=200', { authorization: 'Bearer ak_nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_API_KEY');
  });

  it('a write: nothing is created, changed or deleted', async () => {
    const thread = await createThread(sandbox, key, { title: 'kept' });
    const before = await call(sandbox, 'GET', '/threads?limit=100', { key });
    for (const operation of contract.operations) {
      const success = operation.success.status;
      const res = await fetch(`${sandbox.url}${pathFor(operation, { thread_id: thread.id })}`, {
        method: operation.method,
        headers: { authorization: `Bearer ${key}`, prefer: `code=${success}`, 'content-type': 'application/json' },
        body: operation.requestBody ? JSON.stringify(bodyFor(operation)) : undefined,
      });
      expect(res.status, operation.id).toBe(success);
      await res.arrayBuffer();
    }
    const after = await call(sandbox, 'GET', '/threads?limit=100', { key });
    expect(after.body).toEqual(before.body);
  });

  it('an undocumented status or example: a 400 naming the documented ones', async () => {
    const retrieve = contract.operation('retrieveThread');
    const status = await prefer(retrieve, 'code=418');
    expect(status.status).toBe(400);
    expect(status.body.error).toMatchObject({ code: 'invalid_prefer', param: 'Prefer' });
    expect(status.body.error.message).toContain('200, 400, 401, 403, 404, 429, 500');

    const example = await prefer(retrieve, 'example=NoSuchExample');
    expect(example.status).toBe(400);
    expect(example.body.error.message).toContain('ThreadNotFoundSeed (404)');

    const mismatch = await prefer(retrieve, 'code=404, example=InternalError');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toContain('for status 404');

    const pin = await prefer(contract.operation('pinThread'), 'code=422');
    expect(pin.status).toBe(400);
    expect(pin.body.error.system_message).toContain('403');
  });

  it('triggered by preferences it does not know (return=minimal)', async () => {
    const answer = await prefer(contract.operation('listThreads'), 'return=minimal');
    expect(answer.status).toBe(200);
    expect(answer.body.object).toBe('list');
  });
});

describe('without rate limiting', () => {
  it('still sends the rate-limit headers the response documents, for the contract’s plan', async () => {
    const quiet = await start({ rateLimit: false });
    try {
      const res = await fetch(`${quiet.url}/threads`, {
        headers: { authorization: `Bearer ${quiet.credentials.demo.apiKey}`, prefer: 'code=429' },
      });
      expect(res.status).toBe(429);
      expect(res.headers.get('x-ratelimit-limit')).toBe(String(contract.limits.rateLimit.limit));
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await res.arrayBuffer();
    } finally {
      await quiet.close();
    }
  });
});
