/**
 * Property-based tests: inputs generated from the contract's schemas, valid
 * and broken. Whatever is sent, the answer is documented, valid per the
 * contract, never a 5xx; and the stored state is what the writes said.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { arbitraryFor } from './arbitraries.js';
import { call, contract, createThread, handledOperations, pathFor, schemeFor, suiteSandbox } from './helpers.js';

const sandbox = suiteSandbox();
let key: string;
beforeAll(() => {
  key = sandbox.credentials.demo.apiKey;
});

const schemaOf = (name: string) => contract.schema(name);
// Full Unicode (`grapheme`): what goes in must come back out unchanged.
const createBody = arbitraryFor(contract, schemaOf('CreateThreadRequest'), { maxItems: 3, unit: 'grapheme' });
const updateBody = arbitraryFor(contract, schemaOf('UpdateThreadRequest'));
const metadataBody = arbitraryFor(contract, schemaOf('UpdateThreadMetadataRequest'));
const metadataLimit = schemaOf('Metadata').maxProperties!;

/** A valid body broken in one of the ways a client can break it. */
function broken(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const wrongValue = fc.oneof(
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string()),
    fc.string(),
    fc.object(),
  );
  return fc.oneof(
    valid.chain((v) =>
      fc.record({ extra: fc.string({ minLength: 1 }), value: fc.jsonValue() }).map(({ extra, value }) => ({
        ...(v as object),
        [`x_${extra}`]: value,
      })),
    ),
    valid.chain((v) => {
      const keys = Object.keys(v as object);
      if (keys.length === 0) return wrongValue;
      return fc.tuple(fc.constantFrom(...keys), wrongValue).map(([k, bad]) => ({ ...(v as object), [k]: bad }));
    }),
    fc.record({ title: fc.oneof(fc.constant(''), fc.string({ minLength: 201, maxLength: 260 }), fc.constant(' \t ')) }),
    fc
      .dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string(), { minKeys: metadataLimit + 1, maxKeys: 24 })
      .filter((d) => Object.keys(d).length > metadataLimit)
      .map((metadata) => ({ metadata })),
    fc.record({ metadata: fc.dictionary(fc.string({ minLength: 65, maxLength: 80 }), fc.string(), { minKeys: 1 }) }),
    fc.jsonValue(),
  );
}

describe('generated valid input', () => {
  it('createThread: every valid body creates exactly that thread', async () => {
    await fc.assert(
      fc.asyncProperty(createBody, async (body) => {
        const res = await call(sandbox, 'POST', '/threads', { key, json: body });
        expect(res.status).toBe(200);
        const b = body as Record<string, any>;
        expect(res.body.metadata).toEqual(b.metadata ?? {});
        expect(res.body.title).toBe(b.title ?? null);
        expect(res.body.assistantId).toBe(b.assistantId ?? null);
        expect(res.body.visibleInUi).toBe(b.visibleInUi ?? true);
        expect(res.body.messageCount).toBe(b.messages?.length ?? 0);
        const again = await call(sandbox, 'GET', `/threads/${res.body.id}`, { key });
        expect(again.body).toEqual(res.body);
      }),
      { numRuns: 80 },
    );
  });

  it('updates: a random sequence keeps the thread equal to a model of the contract', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            updateBody.map((b) => ['update', b] as const),
            metadataBody.map((b) => ['merge', b] as const),
          ),
          {
            maxLength: 8,
          },
        ),
        async (steps) => {
          const thread = await createThread(sandbox, key);
          const model = { title: null as string | null, visibleInUi: true, metadata: {} as Record<string, string> };
          for (const [kind, body] of steps) {
            const b = body as Record<string, any>;
            const res =
              kind === 'update'
                ? await call(sandbox, 'POST', `/threads/${thread.id}`, { key, json: b })
                : await call(sandbox, 'PATCH', `/threads/${thread.id}/metadata`, { key, json: b });
            const merged = { ...model.metadata, ...(b.metadata ?? {}) };
            if (Object.keys(merged).length > metadataLimit) {
              expect(res.status).toBe(422);
              expect(res.body.error.code).toBe('metadata_limit_exceeded');
            } else {
              expect(res.status).toBe(200);
              model.metadata = merged;
              if (b.title !== undefined) model.title = b.title;
              if (b.visibleInUi !== undefined) model.visibleInUi = b.visibleInUi;
            }
            const now = await call(sandbox, 'GET', `/threads/${thread.id}`, { key });
            expect(now.body).toMatchObject(model);
            expect(now.body.metadata).toEqual(model.metadata);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('listThreads: any valid query answers a valid page in list order', async () => {
    const query = fc.record(
      {
        limit: fc.integer({ min: 1, max: 100 }),
        order: fc.constantFrom('asc', 'desc'),
        assistantId: fc.constantFrom('asst_a', 'asst_b'),
        visibleInUi: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const search = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
        const res = await call(sandbox, 'GET', `/threads?${search}`, { key });
        expect(res.status).toBe(200);
        expect(res.body.data.length).toBeLessThanOrEqual(q.limit ?? 20);
        for (const t of res.body.data) {
          if (q.assistantId) expect(t.assistantId).toBe(q.assistantId);
          if (q.visibleInUi !== undefined) expect(t.visibleInUi).toBe(q.visibleInUi);
        }
        const pins = res.body.data.map((t: { isPinned: boolean }) => t.isPinned);
        expect(pins).toEqual([...pins].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
      }),
      { numRuns: 60 },
    );
  });
});

describe('generated invalid input', () => {
  let threadId: string;
  let snapshot: unknown;
  beforeAll(async () => {
    const t = await createThread(sandbox, key, { title: 'Fixed', metadata: { stays: 'put' } });
    threadId = t.id;
    snapshot = t;
  });

  // Each operation with a handler that takes a body: its schema's valid bodies, broken.
  const withBody = handledOperations().filter((operation) => operation.requestBody);
  for (const operation of withBody) {
    const arb = broken(arbitraryFor(contract, operation.requestBody!.schema));
    const success = operation.success.status;
    // One that names the thread in its path changes it; one that does not (a create) leaves it be.
    const touchesThread = operation.template.names.length > 0;
    it(`${operation.id}: broken bodies get a documented 400/422 (or ${success} if still valid), never a 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(arb, async (body) => {
          const path = pathFor(operation, { thread_id: threadId });
          const res = await call(sandbox, operation.method, path, { key, json: body });
          expect([success, 400, 422]).toContain(res.status);
          if (res.status === success && touchesThread) {
            // The mutation happened to be valid (e.g. a still-valid value): put the thread back.
            await call(sandbox, 'DELETE', `/threads/${threadId}`, { key });
            const t = await createThread(sandbox, key, { title: 'Fixed', metadata: { stays: 'put' } });
            threadId = t.id;
            snapshot = t;
          }
        }),
        { numRuns: 150 },
      );
      const now = await call(sandbox, 'GET', `/threads/${threadId}`, { key });
      expect(now.body).toEqual(snapshot);
    });
  }

  it('listThreads: arbitrary query strings get 200 or a documented 400', async () => {
    const names = fc.constantFrom(
      'limit',
      'order',
      'after',
      'before',
      'assistantId',
      'visibleInUi',
      'other',
      '__proto__',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(names, fc.string()), { maxLength: 4 }), async (pairs) => {
        const res = await call(sandbox, 'GET', `/threads?${new URLSearchParams(pairs)}`, { key });
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: 150 },
    );
  });

  // Each operation with a handler, a thread id in its path and no body.
  const bodilessWithId = handledOperations().filter(
    (operation) => operation.template.names.includes('thread_id') && !operation.requestBody,
  );
  it('thread ids: any path segment gets 404, on every operation with an id', async () => {
    await fc.assert(
      fc.asyncProperty(
        // "." and ".." are dot segments: URL clients resolve them away before sending.
        fc.string({ minLength: 1, unit: 'grapheme' }).filter((id) => id !== '.' && id !== '..'),
        fc.constantFrom(...bodilessWithId.map((operation) => operation.id)),
        async (id, operationId) => {
          const operation = contract.operation(operationId);
          // The template percent-encodes the value, as a client does.
          const res = await call(sandbox, operation.method, pathFor(operation, { thread_id: id }), {
            key,
            scheme: schemeFor(operation),
          });
          expect(res.status).toBe(404);
        },
      ),
      { numRuns: 100 },
    );
  });
});
