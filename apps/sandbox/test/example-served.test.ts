/**
 * A new operation in the spec, and nothing else: the sandbox, given a copy of
 * the bundled contract with operations no handler serves
 * (`fixture-contract.ts`), answers them from their documented examples over a
 * real socket, through the pipeline every operation goes through
 * (authentication, rate limit, faults, Prefer, validation, idempotency), and
 * lists them as example-served. The contract's own operations keep their
 * handlers.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ContractOperation } from '@freddy/spec';
import { describe, expect, it } from 'vitest';
import { createSandboxApp } from '../src/app.js';
import type { Handlers } from '../src/operations/handler.js';
import { PROBE_PATH, PROBE_READ, PROBE_WRITE, probeContract, probeDocument } from './fixture-contract.js';
import { contract, start, suiteSandbox } from './helpers.js';

const probe = probeContract();
const sandbox = suiteSandbox({ contract: probe.document, rateLimit: { limit: 10_000, windowMs: 60_000 } });

const operation = (id: string): ContractOperation => probe.model.operations.find((candidate) => candidate.id === id)!;
const write = operation(PROBE_WRITE);
const read = operation(PROBE_READ);
/** The documented examples of an operation's success response, by name. */
const examplesOf = (op: ContractOperation) => Object.fromEntries(op.success.examples.map((e) => [e.name, e.value]));
const successStatus = (op: ContractOperation) => op.success.status;

interface Sent {
  status: number;
  headers: Headers;
  body: any;
}

/** A request to one of the probe operations, its answer checked against the fixture contract. */
async function send(
  op: ContractOperation,
  options: { id?: string; query?: string; headers?: Record<string, string>; key?: string | null } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== null) headers.authorization = `Bearer ${options.key ?? sandbox.credentials.demo.apiKey}`;
  const path = op.template.expand({ probe_id: options.id ?? 'probe_1' });
  const res = await fetch(`${sandbox.url}${path}${options.query ? `?${options.query}` : ''}`, {
    method: op.method,
    headers,
  });
  const body = await res.json();
  const check = probe.checkResponse(op.id, res.status, body, res.headers);
  expect(check.errors, `${op.id} ${res.status} ${JSON.stringify(body)}`).toBe('');
  expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  return { status: res.status, headers: res.headers, body };
}

describe('an operation the contract has and no handler serves', () => {
  it('is listed as example-served, and the contract’s own operations are not', async () => {
    const plain = await start();
    try {
      expect(plain.exampleServed).not.toContain(PROBE_WRITE);
      expect([...sandbox.exampleServed].sort()).toEqual([...plain.exampleServed, PROBE_READ, PROBE_WRITE].sort());
    } finally {
      await plain.close();
    }
  });

  it.each([write, read])('$id answers its documented success example, marked as one', async (op) => {
    const examples = examplesOf(op);
    const [name] = Object.keys(examples);
    const answer = await send(op);
    expect(answer.status).toBe(successStatus(op));
    expect(answer.body).toEqual(examples[name!]);
    expect(answer.headers.get('x-sandbox-example')).toBe(name);
    expect(answer.headers.get('access-control-expose-headers')).toMatch(/X-Sandbox-Example/i);
    expect(Number(answer.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
  });

  it.each([write, read])('$id refuses no key and a bad key with the documented 401, no example', async (op) => {
    for (const key of [null, 'ak_not_a_real_key_000000000000']) {
      const answer = await send(op, { key });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('x-sandbox-example')).toBeNull();
    }
  });

  it('refuses a read-only key’s write with the documented 403, and serves its read', async () => {
    const { apiKey } = sandbox.createKey({ readOnly: true });
    expect((await send(write, { key: apiKey })).status).toBe(403);
    expect((await send(read, { key: apiKey })).status).toBe(200);
  });

  it('validates the request against the spec: path and query parameters', async () => {
    const badId = await send(write, { id: 'not-a-probe' });
    expect(badId.status).toBe(400);
    expect(badId.body.error.param).toBe('probe_id');
    const tooDeep = await send(read, { query: 'depth=9' });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.param).toBe('depth');
    const unknown = await send(read, { query: 'nope=1' });
    expect(unknown.status).toBe(400);
    expect((await send(read, { query: 'depth=2' })).status).toBe(200);
  });

  it('replays the stored answer for a repeated Idempotency-Key, and refuses the key with another request', async () => {
    const headers = { 'idempotency-key': `probe-${Date.now()}` };
    const first = await send(write, { headers });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await send(write, { headers });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-sandbox-example')).toBe(first.headers.get('x-sandbox-example'));
    const other = await send(write, { headers, id: 'probe_2' });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('honours Prefer: example= and code=, as for every operation', async () => {
    const examples = examplesOf(write);
    for (const name of Object.keys(examples)) {
      const answer = await send(write, { headers: { prefer: `example=${name}` } });
      expect(answer.status).toBe(successStatus(write));
      expect(answer.body).toEqual(examples[name]);
      expect(answer.headers.get('x-sandbox-example')).toBe(name);
    }
    const notFound = await send(write, { headers: { prefer: 'code=404' } });
    expect(notFound.status).toBe(404);
    const unknown = await send(write, { headers: { prefer: 'example=NoSuchExample' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain(Object.keys(examples)[0]);
  });

  it('meets faults: error-after-commit stores the answer and answers 500; reset drops the connection', async () => {
    const headers = { 'idempotency-key': `probe-fault-${Date.now()}` };
    const failed = await send(write, { headers: { ...headers, 'x-sandbox-fault': 'error-after-commit' } });
    expect(failed.status).toBe(500);
    const retried = await send(write, { headers });
    expect(retried.status).toBe(successStatus(write));
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    await expect(send(read, { headers: { 'x-sandbox-fault': 'reset' } })).rejects.toThrow();
  });
});

describe('an operation with neither a handler nor a success example', () => {
  it('stops the start, naming it', () => {
    const document = probeDocument();
    for (const method of ['get', 'post']) {
      for (const response of Object.values(document.paths[PROBE_PATH][method].responses)) {
        delete (response as { content?: { 'application/json'?: { examples?: unknown } } }).content?.['application/json']
          ?.examples;
      }
    }
    expect(() => createSandboxApp({ memory: true, contract: document })).toThrow(
      /zzFixtureProbe(Read)? has no handler and documents no success example/,
    );
  });
});

describe('writing the handler', () => {
  it('makes the operation stateful: its handler answers, with the documented success status, replayed as stored', async () => {
    let calls = 0;
    // A handler for an operation only the fixture has: the generated types do not know it, so it is cast.
    const app = createSandboxApp({ memory: true, rateLimit: false, contract: probe.document }, (handlers) => ({
      ...handlers,
      ...({ [PROBE_WRITE]: () => ({ object: 'zz.probe', id: `probe_${++calls}`, state: 'queued' }) } as Handlers),
    }));
    const server = createServer(app.handle);
    try {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${app.contract.basePath}`;
      expect(app.exampleServed).not.toContain(PROBE_WRITE);
      expect(app.exampleServed).toContain(PROBE_READ);
      const headers = { authorization: `Bearer ${app.credentials.demo.apiKey}`, 'idempotency-key': 'stateful' };
      const post = () => fetch(`${url}${write.template.expand({ probe_id: 'probe_1' })}`, { method: 'POST', headers });
      const first = await post();
      expect(first.status).toBe(successStatus(write));
      expect(first.headers.get('x-sandbox-example')).toBeNull();
      expect(await first.json()).toEqual({ object: 'zz.probe', id: 'probe_1', state: 'queued' });
      const again = await post();
      expect(again.status).toBe(successStatus(write));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.json()).toEqual({ object: 'zz.probe', id: 'probe_1', state: 'queued' });
      expect(calls).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      app.close();
    }
  });
});

describe('the handler table', () => {
  it('serves an operation whose handler is taken away from its example, and lists it', () => {
    const taken = contract.operations[0]!.id;
    const app = createSandboxApp({ memory: true }, (handlers) =>
      Object.fromEntries(Object.entries(handlers).filter(([id]) => id !== taken)),
    );
    try {
      expect(app.exampleServed).toContain(taken);
    } finally {
      app.close();
    }
  });
});
