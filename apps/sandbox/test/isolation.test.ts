/** Organization B never sees organization A's threads, and cannot tell them from missing ones. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bodyFor,
  type CallOptions,
  type CallResult,
  call,
  createThread,
  handledOperations,
  pathFor,
  schemeFor,
  suiteSandbox,
} from './helpers.js';

const sandbox = suiteSandbox();
let a: string;
let b: string;
let threadOfA: { id: string; title: string; metadata: Record<string, string> };
beforeAll(async () => {
  a = sandbox.credentials.demo.apiKey;
  b = sandbox.credentials.other.apiKey;
  threadOfA = await createThread(sandbox, a, { title: 'A only', metadata: { owner: 'a' } });
  await createThread(sandbox, b, { title: 'B own' });
});

/** The body with the per-request and per-id parts taken out. */
function normalized(res: CallResult, id: string): string {
  return res.text
    .split(id)
    .join('<id>')
    .replace(/req_[0-9a-z]+/g, '<req>')
    .replace(/"timestamp":"[^"]+"/, '"timestamp":"<t>"');
}

function headerNames(res: CallResult): string[] {
  return [...res.headers.keys()].filter((h) => h !== 'date').sort();
}

/**
 * Each operation with a handler that names a stored thread in its path, with
 * the body its first request example gives: what B could try on A's thread.
 * An operation answered from its example stores nothing to isolate.
 */
const attempts = handledOperations()
  .filter((operation) => operation.template.names.length > 0)
  .map((operation) => ({
    name: operation.id,
    request: (id: string): [string, string, CallOptions] => [
      operation.method,
      pathFor(operation, { thread_id: id }),
      { scheme: schemeFor(operation), ...(operation.requestBody ? { json: bodyFor(operation) } : {}) },
    ],
  }));

describe('organization B and a thread of organization A', () => {
  for (const { name, request } of attempts) {
    it(`${name}: 404, the same answer as for a thread that does not exist`, async () => {
      const [method, path, options] = request(threadOfA.id);
      const foreign = await call(sandbox, method, path, { key: b, ...options });
      const missingId = 'thread_AAAAAAAAAAAAAAAA';
      const [m2, p2, o2] = request(missingId);
      const missing = await call(sandbox, m2, p2, { key: b, ...o2 });
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(normalized(foreign, threadOfA.id)).toBe(normalized(missing, missingId));
      expect(headerNames(foreign)).toEqual(headerNames(missing));
    });
  }

  it('cannot list it, nor page from it as a cursor', async () => {
    const list = await call(sandbox, 'GET', '/threads?limit=100', { key: b });
    expect(list.body.data.map((t: { title: string }) => t.title)).toEqual(['B own']);
    const cursor = await call(sandbox, 'GET', `/threads?after=${threadOfA.id}`, { key: b });
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.param).toBe('after');
  });

  it('left it exactly as it was', async () => {
    const res = await call(sandbox, 'GET', `/threads/${threadOfA.id}`, { key: a });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'A only', metadata: { owner: 'a' }, isPinned: false });
    const list = await call(sandbox, 'GET', '/threads', { key: a });
    expect(list.body.data.map((t: { id: string }) => t.id)).toEqual([threadOfA.id]);
  });
});
