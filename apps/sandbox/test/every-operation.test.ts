/**
 * What holds for every operation, generated from the contract so that an
 * operation added to the spec is covered the moment it exists: credentials
 * (none, unknown: the documented 401), a read-only key's write (the
 * documented 403), faults (`reset`, `error-after-commit`), an Idempotency-Key
 * replay, a path parameter outside its schema and a body that is not JSON
 * (the documented 400), every answer checked against the contract. It runs
 * on the bundled contract, and on a copy with operations no handler serves
 * (`fixture-contract.ts`): those get the same checks, answered from their
 * examples.
 */
import type { Contract, ContractOperation, createResponseValidator, SchemaObject } from '@freddy/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeContract } from './fixture-contract.js';
import { bodyFor, checkResponse, contract, createThread, pathFor, schemeFor, suiteSandbox } from './helpers.js';

interface Suite {
  name: string;
  document?: object;
  model: Contract;
  check: ReturnType<typeof createResponseValidator>;
}

const probe = probeContract();
const suites: Suite[] = [
  { name: 'the bundled contract', model: contract, check: checkResponse },
  {
    name: 'the contract with operations no handler serves',
    document: probe.document,
    model: probe.model,
    check: probe.checkResponse,
  },
];

interface Sent {
  status: number;
  headers: Headers;
  body: any;
}

/** A value the path parameter's schema refuses, or undefined when the test cannot make one. */
function outsideSchema(schema: SchemaObject): string | undefined {
  if (typeof schema.maxLength === 'number') return 'x'.repeat(schema.maxLength + 1);
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test('~')) return '~';
  return undefined;
}

const takesIdempotencyKey = (operation: ContractOperation) =>
  operation.parameters.header.some((parameter) => parameter.name.toLowerCase() === 'idempotency-key');

for (const suite of suites) {
  describe(suite.name, () => {
    const sandbox = suiteSandbox({
      rateLimit: { limit: 100_000, windowMs: 60_000 },
      ...(suite.document ? { contract: suite.document } : {}),
    });
    const operations = suite.model.operations.map((operation) => [operation.id, operation] as const);
    let key: string;
    beforeAll(() => {
      key = sandbox.credentials.demo.apiKey;
    });

    /** Path values naming something stored: a thread of its own, so a write or a delete touches no other test's. */
    const stored = async () => ({ thread_id: (await createThread(sandbox, key, { title: 'every operation' })).id });

    async function send(
      operation: ContractOperation,
      options: {
        values?: Record<string, string>;
        key?: string | null;
        headers?: Record<string, string>;
        raw?: string;
      } = {},
    ): Promise<Sent> {
      const headers: Record<string, string> = { ...options.headers };
      const credential = options.key === undefined ? key : options.key;
      if (credential !== null) {
        if (schemeFor(operation) === 'apiKey') headers['x-api-key'] = credential;
        else headers.authorization = `Bearer ${credential}`;
      }
      const json = bodyFor(operation);
      const body = options.raw ?? (json === undefined ? undefined : JSON.stringify(json));
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${sandbox.url}${pathFor(operation, options.values)}`, {
        method: operation.method,
        headers,
        body,
      });
      const text = await res.text();
      const parsed = text ? JSON.parse(text) : undefined;
      const check = suite.check(operation.id, res.status, parsed, res.headers);
      expect(check.errors, `${operation.id} ${res.status} ${text}`).toBe('');
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
      return { status: res.status, headers: res.headers, body: parsed };
    }

    it.each(operations)('%s: no credential and an unknown one get the documented 401', async (_, operation) => {
      const values = await stored();
      for (const credential of [null, 'ak_not_a_real_key_000000000000']) {
        const res = await send(operation, { values, key: credential });
        expect(res.status).toBe(401);
        expect(res.headers.get('x-sandbox-example')).toBeNull();
      }
    });

    const writes = operations.filter(([, operation]) => operation.method !== 'GET');
    it.each(writes)('%s: a read-only key gets the documented 403', async (_, operation) => {
      const res = await send(operation, { values: await stored(), key: sandbox.createKey({ readOnly: true }).apiKey });
      expect(res.status).toBe(403);
    });

    it.each(operations)('%s: the reset fault drops the connection', async (_, operation) => {
      const values = await stored();
      await expect(send(operation, { values, headers: { 'x-sandbox-fault': 'reset' } })).rejects.toThrow();
    });

    it.each(operations)('%s: error-after-commit answers the documented 500', async (_, operation) => {
      const res = await send(operation, {
        values: await stored(),
        headers: { 'x-sandbox-fault': 'error-after-commit' },
      });
      expect(res.status).toBe(500);
    });

    it.each(operations.filter(([, operation]) => takesIdempotencyKey(operation)))(
      '%s: a repeat with the same Idempotency-Key gets the stored answer, marked replayed',
      async (_, operation) => {
        const values = await stored();
        const headers = { 'idempotency-key': `every-${operation.id}-${values.thread_id}` };
        const first = await send(operation, { values, headers });
        expect(first.status).toBeLessThan(300);
        const again = await send(operation, { values, headers });
        expect(again.status).toBe(first.status);
        expect(again.body).toEqual(first.body);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
      },
    );

    const withBadPath = operations.flatMap(([id, operation]) =>
      operation.parameters.path.flatMap((parameter) => {
        const bad = outsideSchema(parameter.schema);
        return bad === undefined ? [] : [[id, parameter.name, operation, bad] as const];
      }),
    );
    it.each(withBadPath)('%s: a %s outside its schema is the documented 400', async (_, name, operation, bad) => {
      const res = await send(operation, { values: { ...(await stored()), [name]: bad } });
      expect(res.status).toBe(400);
    });

    it.each(operations.filter(([, operation]) => operation.requestBody))(
      '%s: a body that is not JSON is the documented 400',
      async (_, operation) => {
        const res = await send(operation, { values: await stored(), raw: '{"title": "x",' });
        expect(res.status).toBe(400);
      },
    );
  });
}
