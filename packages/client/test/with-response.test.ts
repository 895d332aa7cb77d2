/**
 * `withResponse()` on every method's promise: the parsed body, the HTTP
 * response and the request id, for a success too, without leaving the typed
 * path; the promise still awaits to the body alone.
 */
import { useSandbox } from '@freddy/testing';
import { describe, expect, expectTypeOf, test } from 'vitest';
import { createFreddyClient, NotFoundError, type Thread, type WithResponse } from '../src/index.js';

const sandbox = useSandbox();
const client = () =>
  createFreddyClient({ apiKey: sandbox.current.credentials.demo.apiKey, baseUrl: sandbox.current.url });

describe('withResponse()', () => {
  test('gives the body, the response and the request id of a success', async () => {
    const created = await client().threads.create({ title: 'raw' });
    const { data, response, requestId } = await client().threads.retrieve(created.id).withResponse();
    expectTypeOf(data).toEqualTypeOf<Thread>();
    expect(data.id).toBe(created.id);
    expect(response.status).toBe(200);
    expect(requestId).toMatch(/^req_/);
    expect(requestId).toBe(response.headers.get('x-request-id'));
  });

  test('shows a replayed write: the same key answers from the record', async () => {
    const c = client();
    const again = await c.threads.create({ title: 'replayed' }, { idempotencyKey: 'same-key-twice' }).withResponse();
    expect(again.response.headers.get('idempotent-replayed')).toBeNull();
    const replay = await c.threads.create({ title: 'replayed' }, { idempotencyKey: 'same-key-twice' }).withResponse();
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data.id).toBe(again.data.id);
  });

  test('rejects with the typed error when the call fails, and awaiting still gives the body alone', async () => {
    await expect(client().threads.retrieve('thread_missing').withResponse()).rejects.toBeInstanceOf(NotFoundError);
    const body: Thread = await client().threads.create({});
    expect(body.object).toBe('thread');
    const both: WithResponse<Thread> = await client().threads.create({}).withResponse();
    expect(both.data.object).toBe('thread');
  });
});
