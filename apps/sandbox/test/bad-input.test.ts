/** Every client mistake gets its documented 4xx, never a 5xx, and nothing is written. */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, contract, createThread, pathFor, suiteSandbox } from './helpers.js';

const { requestBodyMaxBytes: maxBodyBytes, requestBodyMaxDepth: maxDepth } = contract.limits;
const sandbox = suiteSandbox();
let key: string;
let threadId: string;
beforeAll(async () => {
  key = sandbox.credentials.demo.apiKey;
  threadId = (await createThread(sandbox, key, { title: 'Untouched', metadata: { a: '1' } })).id;
});

async function expectUntouched() {
  const res = await call(sandbox, 'GET', `/threads/${threadId}`, { key });
  expect(res.body).toMatchObject({ title: 'Untouched', metadata: { a: '1' }, visibleInUi: true });
}

async function threadCount(): Promise<number> {
  const res = await call(sandbox, 'GET', '/threads?limit=100', { key });
  return res.body.data.length;
}

describe('bodies that are not valid JSON documents', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    const res = await call(sandbox, 'POST', `/threads/${threadId}`, {
      key,
      raw: '{"title": "x",',
      contentType: 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    await expectUntouched();
  });

  it('a body that is not JSON → 415', async () => {
    for (const [raw, contentType] of [
      ['title=x', 'application/x-www-form-urlencoded'],
      ['hello', 'text/plain'],
      ['{"title":"x"}', undefined],
    ] as const) {
      const res = await call(sandbox, 'POST', `/threads/${threadId}`, { key, raw, contentType });
      expect(res.status, `${contentType}`).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
    }
    await expectUntouched();
  });

  it('a body over the limit (64 KiB) → 413, whether announced by Content-Length or not', async () => {
    const big = JSON.stringify({ title: 'x', metadata: { a: 'y'.repeat(maxBodyBytes) } });
    const res = await call(sandbox, 'POST', `/threads/${threadId}`, { key, raw: big, contentType: 'application/json' });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'payload_too_large', type: 'invalid_request_error' });

    const before = await threadCount();
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await fetch(`${sandbox.url}/threads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get('transfer-encoding')).toBeNull();
    expect(await threadCount()).toBe(before);
    await expectUntouched();
  });

  it('a string with an unpaired surrogate → 400 (it could not be stored as sent)', async () => {
    for (const raw of ['{"title":"a\\ud800b"}', '{"metadata":{"\\udc00":"x"}}']) {
      const res = await call(sandbox, 'POST', `/threads/${threadId}`, { key, raw, contentType: 'application/json' });
      expect(res.status, raw).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_json' });
    }
    const paired = await call(sandbox, 'POST', '/threads', { key, json: { title: 'emoji \u{1F600} ok' } });
    expect(paired.status).toBe(200);
    const stored = await call(sandbox, 'GET', `/threads/${paired.body.id}`, { key });
    expect(stored.body.title).toBe('emoji \u{1F600} ok');
    await expectUntouched();
  });

  it('a body nested 10,000 levels deep → 400 body_too_deep, and the server keeps answering', async () => {
    const before = await threadCount();
    for (const raw of [
      '['.repeat(10_000) + ']'.repeat(10_000),
      `{"metadata":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_001)}`,
    ]) {
      for (const operation of contract.operations.filter((op) => op.requestBody)) {
        const [method, path] = [operation.method, pathFor(operation, { thread_id: threadId })];
        const res = await call(sandbox, method, path, { key, raw, contentType: 'application/json' });
        expect(res.status, `${method} ${path}`).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'body_too_deep' });
        expect(res.body.error.message).toContain(`${maxDepth} levels`);
      }
    }
    expect(await threadCount()).toBe(before);
    await expectUntouched();
  });

  it('nesting at the depth limit passes the depth check and meets the schema instead', async () => {
    const atLimit = { metadata: JSON.parse(`${'{"a":'.repeat(maxDepth - 1)}"x"${'}'.repeat(maxDepth - 1)}`) };
    const res = await call(sandbox, 'POST', `/threads/${threadId}`, { key, json: atLimit });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_parameters');
    const deeper = { metadata: JSON.parse(`${'{"a":'.repeat(maxDepth)}"x"${'}'.repeat(maxDepth)}`) };
    const refused = await call(sandbox, 'POST', `/threads/${threadId}`, { key, json: deeper });
    expect(refused.body.error.code).toBe('body_too_deep');
    await expectUntouched();
  });

  it('a body of exactly the limit is read', async () => {
    const base = JSON.stringify({ messages: [{ role: 'user', content: '' }] });
    const json = { messages: [{ role: 'user', content: 'z'.repeat(maxBodyBytes - base.length) }] };
    expect(Buffer.byteLength(JSON.stringify(json))).toBe(maxBodyBytes);
    const res = await call(sandbox, 'POST', '/threads', { key, json });
    expect(res.status).toBe(200);
  });
});

describe('well-formed JSON that breaks the schema', () => {
  const cases: [string, unknown, number, string | undefined][] = [
    ['unknown field', { title: 'x', colour: 'red' }, 400, 'colour'],
    ['wrong type of a field', { title: 42 }, 400, 'title'],
    ['wrong type of visibleInUi', { visibleInUi: 'false' }, 400, 'visibleInUi'],
    ['metadata value not a string', { metadata: { a: 1 } }, 400, 'metadata'],
    ['metadata not an object', { metadata: ['a'] }, 400, 'metadata'],
    ['an array body', [], 400, undefined],
    ['a null body', null, 400, undefined],
    ['a string body', 'title', 400, undefined],
    ['title too long', { title: 't'.repeat(201) }, 422, 'title'],
    ['empty title', { title: '' }, 422, 'title'],
    ['metadata key too long', { metadata: { ['k'.repeat(65)]: 'v' } }, 422, 'metadata'],
    ['metadata key empty', { metadata: { '': 'v' } }, 422, 'metadata'],
    ['metadata value too long', { metadata: { k: 'v'.repeat(513) } }, 422, 'metadata'],
    [
      'seventeen metadata pairs',
      { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) },
      422,
      'metadata',
    ],
  ];
  for (const [name, json, status, param] of cases) {
    it(`update: ${name} → ${status}`, async () => {
      const res = await call(sandbox, 'POST', `/threads/${threadId}`, { key, json });
      expect(res.status).toBe(status);
      expect(res.body.error.type).toBe(status === 400 ? 'invalid_request_error' : 'validation_error');
      expect(res.body.error.param).toBe(param);
      await expectUntouched();
    });
  }

  it('create: an unknown message role → 422, a message without content → 400, nothing created', async () => {
    const before = await threadCount();
    const role = await call(sandbox, 'POST', '/threads', {
      key,
      json: { messages: [{ role: 'robot', content: 'x' }] },
    });
    expect(role.status).toBe(422);
    expect(role.body.error.param).toBe('messages');
    const missing = await call(sandbox, 'POST', '/threads', { key, json: { messages: [{ role: 'user' }] } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.param).toBe('messages');
    const tooLongAssistant = await call(sandbox, 'POST', '/threads', { key, json: { assistantId: 'a'.repeat(129) } });
    expect(tooLongAssistant.status).toBe(422);
    expect(tooLongAssistant.body.error.param).toBe('assistantId');
    expect(await threadCount()).toBe(before);
  });

  it('update metadata: unknown field → 400, a title here is unknown too', async () => {
    const res = await call(sandbox, 'PATCH', `/threads/${threadId}/metadata`, {
      key,
      json: { metadata: { b: '2' }, title: 'no' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe('title');
    await expectUntouched();
  });
});

describe('keys that name JavaScript internals', () => {
  it('are plain metadata keys, merged and stored like any other; as a field they are unknown', async () => {
    const raw = '{"metadata":{"__proto__":"x","constructor":"y"}}';
    const created = await call(sandbox, 'POST', '/threads', { key, raw, contentType: 'application/json' });
    expect(created.status).toBe(200);
    const merged = await call(sandbox, 'PATCH', `/threads/${created.body.id}/metadata`, {
      key,
      raw: '{"metadata":{"__proto__":"z","a":"b"}}',
      contentType: 'application/json',
    });
    expect(merged.text).toContain('"metadata":{"__proto__":"z","constructor":"y","a":"b"}');
    const read = await call(sandbox, 'GET', `/threads/${created.body.id}`, { key });
    expect(read.text).toBe(merged.text);
    const field = await call(sandbox, 'POST', '/threads', {
      key,
      raw: '{"__proto__":{"title":"x"}}',
      contentType: 'application/json',
    });
    expect(field.status).toBe(400);
    expect(field.body.error.param).toBe('__proto__');
  });
});

describe('query parameters of listThreads (always 400, with param)', () => {
  const cases: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['order=sideways', 'order'],
    ['visibleInUi=maybe', 'visibleInUi'],
    ['assistantId=', 'assistantId'],
    ['colour=red', 'colour'],
    ['__proto__=x', '__proto__'],
    ['constructor=x', 'constructor'],
    ['after=thread_unknown', 'after'],
    ['before=thread_unknown', 'before'],
  ];
  for (const [query, param] of cases) {
    it(`${query} → 400 param ${param}`, async () => {
      const res = await call(sandbox, 'GET', `/threads?${query}`, { key });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param });
    });
  }

  it('after and before together → 400', async () => {
    const res = await call(sandbox, 'GET', `/threads?after=${threadId}&before=${threadId}`, { key });
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBeDefined();
  });

  it('coerces typed values: limit=3, visibleInUi=true', async () => {
    const res = await call(sandbox, 'GET', '/threads?limit=3&visibleInUi=true&order=asc', { key });
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(3);
  });
});

describe('authentication', () => {
  it('no credentials → 401 missing_authentication, on every Freddy operation', async () => {
    for (const operation of contract.operations.filter((op) => op.errorSchema === 'ErrorResponse')) {
      const [method, path] = [operation.method, pathFor(operation, { thread_id: threadId })];
      const res = await call(sandbox, method, path);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body).toEqual({
        error: { message: 'Authentication required', type: 'authentication_error', code: 'missing_authentication' },
      });
    }
    await expectUntouched();
  });

  it('an unknown key → 401 invalid_api_key; a malformed Authorization header → 401', async () => {
    const res = await call(sandbox, 'GET', '/threads', { key: 'ak_not_a_real_key' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_api_key');
    const basic = await call(sandbox, 'GET', '/threads', { headers: { authorization: 'Basic Zm9vOmJhcg==' } });
    expect(basic.status).toBe(401);
  });

  it('Freddy operations take only Bearer: an X-API-Key alone is not enough', async () => {
    const res = await call(sandbox, 'GET', `/threads/${threadId}`, { key, scheme: 'apiKey' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('missing_authentication');
  });

  it('pin and unpin take X-API-Key or Bearer; missing → AUTHENTICATION_REQUIRED, unknown → INVALID_API_KEY', async () => {
    const missing = await call(sandbox, 'POST', `/threads/${threadId}/pin`);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 'AUTHENTICATION_REQUIRED', type: 'authentication_error' });
    const unknown = await call(sandbox, 'POST', `/threads/${threadId}/unpin`, { key: 'ak_nope', scheme: 'apiKey' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toMatchObject({ code: 'INVALID_API_KEY', status: 401 });
    for (const scheme of ['apiKey', 'bearer'] as const) {
      const ok = await call(sandbox, 'POST', `/threads/${threadId}/unpin`, { key, scheme });
      expect(ok.status).toBe(200);
    }
  });
});

describe('outside the contract', () => {
  it('an unknown route is a 404 JSON error, a wrong method a 405 with Allow', async () => {
    const unknown = await call(sandbox, 'GET', '/nothing', { key });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('route_not_found');
    const wrong = await call(sandbox, 'PUT', `/threads/${threadId}`, { key });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST, DELETE');
  });

  it('a percent-encoded id that does not decode is just an unknown thread', async () => {
    const res = await call(sandbox, 'GET', '/threads/%E0%A4%A', { key });
    expect(res.status).toBe(404);
  });
});
