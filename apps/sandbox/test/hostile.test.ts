/**
 * Hostile input against a real server process (the built CLI), generated from
 * the contract with fast-check and from a hand-picked corpus. After every
 * request: the process is alive, the answer is documented (a status the
 * contract gives the operation, or a transport-level error, in the right
 * envelope, with x-request-id), and no stored thread changed unless the
 * request was a valid write.
 */
import { createResponseValidator } from '@freddy/spec';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitraryFor } from './arbitraries.js';
import { type RunningCli, runCli } from './cli-process.js';
import { contract, operationIdFor } from './helpers.js';
import { parseAnswer, type RawAnswer, type RawRequest, send, sendBytes } from './raw-http.js';

const checkResponse = createResponseValidator(contract);
const validateErrorEnvelope = (body: unknown) => checkResponse('createThread', 400, body);
/** Answers the server gives before it knows the operation, always in the Freddy envelope. */
const TRANSPORT_CODES = new Set(['route_not_found', 'method_not_allowed', 'malformed_http', 'request_timeout']);
const WRITES = new Set(['POST', 'PATCH', 'DELETE']);
const { requestBodyMaxBytes, requestBodyMaxDepth } = contract.limits;

let cli: RunningCli;
let port: number;
let key: string;
let threadIds: string[] = [];
let snapshot = '';

beforeAll(async () => {
  cli = await runCli(['--memory', '--no-rate-limit']);
  port = Number(new URL(cli.url).port);
  key = cli.apiKey;
  for (const title of ['first', 'second']) {
    const answer = await send(port, {
      method: 'POST',
      path: '/v1/threads',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title, metadata: { seed: title } }),
    });
    threadIds.push(JSON.parse(answer.text).id);
  }
  snapshot = await stored();
}, 120_000);

afterAll(() => {
  cli?.child.kill('SIGTERM');
});

/** Every thread of the demo organization, as the server lists them. */
async function stored(): Promise<string> {
  const answer = await send(port, {
    method: 'GET',
    path: '/v1/threads?limit=100',
    headers: { authorization: `Bearer ${key}` },
  });
  expect(answer.status).toBe(200);
  return answer.text;
}

/** What must hold after any request, whatever it was. */
async function expectDocumentedAndSafe(request: Pick<RawRequest, 'method' | 'path'>, answer: RawAnswer) {
  const where = `${request.method} ${request.path.slice(0, 120)} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(cli.child.exitCode, `process ended after ${where}`).toBeNull();
  expect(answer.status, where).toBeGreaterThanOrEqual(200);
  expect(answer.status, where).toBeLessThan(500);
  expect(answer.headers['x-request-id'], where).toMatch(/^req_/);
  const body = answer.text === '' ? undefined : JSON.parse(answer.text);
  const operationId = operationIdFor(request.method, request.path.replace(/^\/v1/, ''));
  const documented = operationId ? checkResponse(operationId, answer.status, body) : undefined;
  if (!documented?.valid) {
    // Not the operation's own answer: then one given before routing, in the Freddy envelope.
    expect(validateErrorEnvelope(body).errors, where).toBe('');
    expect(TRANSPORT_CODES.has(body.error.code) || !request.path.startsWith('/v1/'), where).toBe(true);
  }
  const validWrite = operationId !== undefined && WRITES.has(request.method) && answer.status === 200;
  const now = await stored();
  if (validWrite) {
    snapshot = now;
    threadIds = JSON.parse(now).data.map((thread: { id: string }) => thread.id);
  } else expect(now, `stored threads changed after ${where}`).toBe(snapshot);
}

async function exchange(request: RawRequest) {
  const answer = await send(port, request);
  await expectDocumentedAndSafe(request, answer);
  return answer;
}

const auth = () => ({ authorization: `Bearer ${key}` });
const json = () => ({ ...auth(), 'content-type': 'application/json' });

describe('a hand-picked corpus', () => {
  it('nesting depth: far over, just over and at the limit', async () => {
    for (const depth of [10_000, requestBodyMaxDepth + 1, requestBodyMaxDepth]) {
      const nested = `${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}`;
      for (const body of [`{"metadata":${nested}}`, '['.repeat(depth) + ']'.repeat(depth)]) {
        expect(Buffer.byteLength(body)).toBeLessThanOrEqual(requestBodyMaxBytes);
        const answer = await exchange({
          method: 'POST',
          path: `/v1/threads/${threadIds[0]}`,
          headers: json(),
          body,
        });
        expect(answer.status).toBe(400);
      }
    }
  });

  it('sizes at and over the body limit, declared or chunked', async () => {
    const pad = (bytes: number) => {
      const base = JSON.stringify({ messages: [{ role: 'user', content: '' }] });
      return JSON.stringify({ messages: [{ role: 'user', content: 'z'.repeat(bytes - base.length) }] });
    };
    const at = await exchange({
      method: 'POST',
      path: '/v1/threads',
      headers: json(),
      body: pad(requestBodyMaxBytes),
    });
    expect(at.status).toBe(200);
    for (const chunked of [false, true]) {
      const over = await exchange({
        method: 'POST',
        path: '/v1/threads',
        headers: json(),
        body: pad(requestBodyMaxBytes + 1),
        chunked,
      });
      expect(over.status).toBe(413);
    }
  });

  it('unicode: unpaired surrogates, NUL, and 4-byte characters at the 200-character title limit', async () => {
    const path = `/v1/threads/${threadIds[0]}`;
    for (const raw of ['{"title":"\\ud83d"}', '{"metadata":{"k":"\\udfff"}}', '{"metadata":{"\\ud800":"v"}}']) {
      expect((await exchange({ method: 'POST', path, headers: json(), body: raw })).status).toBe(400);
    }
    const emoji = '\u{1F600}';
    const fits = await exchange({
      method: 'POST',
      path,
      headers: json(),
      body: JSON.stringify({ title: emoji.repeat(200) }),
    });
    expect(fits.status).toBe(200);
    expect(JSON.parse(fits.text).title).toBe(emoji.repeat(200));
    const over = await exchange({
      method: 'POST',
      path,
      headers: json(),
      body: JSON.stringify({ title: emoji.repeat(201) }),
    });
    expect(over.status).toBe(422);
    const nul = await exchange({
      method: 'POST',
      path,
      headers: json(),
      body: JSON.stringify({ title: 'a\u0000b' }),
    });
    expect(nul.status).toBe(200);
    expect(JSON.parse(nul.text).title).toBe('a\u0000b');
  });

  it('duplicate JSON keys (the last wins, as JSON.parse reads them) and prototype-named keys', async () => {
    const path = `/v1/threads/${threadIds[1]}`;
    const duplicate = await exchange({
      method: 'POST',
      path,
      headers: json(),
      body: '{"title":"one","title":"two"}',
    });
    expect(JSON.parse(duplicate.text).title).toBe('two');
    for (const raw of ['{"__proto__":{"title":"x"}}', '{"constructor":{"prototype":{}}}', '{"toString":"x"}']) {
      expect((await exchange({ method: 'POST', path, headers: json(), body: raw })).status).toBe(400);
    }
    const metadata = await exchange({
      method: 'PATCH',
      path: `${path}/metadata`,
      headers: json(),
      body: '{"metadata":{"__proto__":"p","constructor":"c","hasOwnProperty":"h"}}',
    });
    expect(JSON.parse(metadata.text).metadata).toMatchObject({ constructor: 'c', hasOwnProperty: 'h' });
  });

  it('a field or parameter name longer than any error may quote', async () => {
    const long = 'x'.repeat(5_000);
    const field = await exchange({ method: 'POST', path: '/v1/threads', headers: json(), body: `{"${long}":1}` });
    expect(field.status).toBe(400);
    const query = await exchange({ method: 'GET', path: `/v1/threads?${long}=1`, headers: auth() });
    expect(query.status).toBe(400);
  });

  it('repeated, unknown and prototype-named query parameters', async () => {
    for (const query of [
      'limit=1&limit=2',
      'order=asc&order=desc',
      'nope=1',
      '__proto__=x',
      'limit=1e3',
      'limit=%00',
    ]) {
      expect((await exchange({ method: 'GET', path: `/v1/threads?${query}`, headers: auth() })).status).toBe(400);
    }
  });

  it('odd methods, on every path', async () => {
    for (const method of ['PUT', 'PROPFIND', 'PURGE', 'OPTIONS', 'HEAD', 'TRACE']) {
      for (const template of new Set(contract.operations.map((op) => op.template))) {
        const path = `/v1${template.expand({ thread_id: threadIds[0]! })}`;
        const answer = await send(port, { method, path, headers: auth() });
        if (method === 'OPTIONS') expect(answer.status).toBe(204);
        else if (method === 'HEAD') expect([200, 405]).toContain(answer.status);
        else await expectDocumentedAndSafe({ method, path }, answer);
      }
    }
  });

  it('malformed and oversized headers, and bytes that are not HTTP', async () => {
    const cases = [
      'GET /v1/threads HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      `GET /v1/threads HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'GET /v1/threads HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      'POST /v1/threads HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n',
      '\u0000\u0001\u0002 not http at all\r\n\r\n',
      'GET /v1/threads HTTP/9.9\r\n\r\n',
    ];
    for (const bytes of cases) {
      const answer = parseAnswer(await sendBytes(port, bytes));
      await expectDocumentedAndSafe({ method: 'GET', path: '/v1/threads' }, answer);
      expect([400, 431]).toContain(answer.status);
    }
  });

  it('a chunked body without a length is read like any other', async () => {
    const answer = await exchange({
      method: 'POST',
      path: '/v1/threads',
      headers: json(),
      body: JSON.stringify({ title: 'chunked' }),
      chunked: true,
    });
    expect(answer.status).toBe(200);
  });
});

describe('generated from the contract', () => {
  const methods = fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT');
  const templates = [...new Set(contract.operations.map((op) => op.template))];
  const id = fc.oneof(
    fc.constant('known'),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('.', '..', '%2F', '%00', '%E0%A4%A', `thread_${'x'.repeat(200)}`),
  );
  const bodies = fc.oneof(
    ...contract.operations.flatMap((op) =>
      op.requestBody ? [arbitraryFor(contract, op.requestBody.schema, { maxItems: 2 })] : [],
    ),
    fc.jsonValue({ maxDepth: 4 }),
    fc.string({ maxLength: 200 }),
  );
  const requests = fc.record({
    method: methods,
    template: fc.constantFrom(...templates),
    id,
    query: fc.option(fc.webQueryParameters(), { nil: undefined }),
    credential: fc.constantFrom('key', 'none', 'wrong', 'malformed'),
    body: fc.option(bodies, { nil: undefined }),
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/merge-patch+json', ''),
  });

  it('every generated request gets a documented answer and leaves other threads alone', async () => {
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        const threadId = r.id === 'known' ? (threadIds[0] ?? 'none') : r.id;
        const path = `/v1${r.template.expand({ thread_id: threadId })}${r.query ? `?${r.query}` : ''}`;
        const headers: Record<string, string> = {};
        if (r.credential === 'key') headers.authorization = `Bearer ${key}`;
        if (r.credential === 'wrong') headers.authorization = 'Bearer ak_not_a_key';
        if (r.credential === 'malformed') headers.authorization = 'Basic ???';
        if (r.contentType) headers['content-type'] = r.contentType;
        const body = r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        await exchange({ method: r.method, path, headers, ...(body === undefined ? {} : { body }) });
      }),
      { numRuns: 1_000, seed: 20_261_128 },
    );
  }, 300_000);
});
