/**
 * Every error example the contract documents, for every operation, served
 * by the fault server with its status: the client must raise the error class
 * of that status with the example's code and message, whichever envelope the
 * example uses. This covers the answers the reference server cannot be made
 * to give on demand (403, 500).
 */
import { describeContract } from '@freddy/spec';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFreddyClient, type FreddyApiError, InternalServerError, PermissionDeniedError } from '../src/index.js';
import { type FaultServer, startFaultServer } from './support/fault-server.js';
import { callOperation, examplePathname } from './support/operation-calls.js';

const contract = describeContract();

const cases = contract.operations.flatMap((operation) =>
  operation.responses
    .filter((response) => response.status >= 400)
    .flatMap((response) =>
      response.examples.map((example) => ({
        operationId: operation.id,
        status: response.status,
        name: example.name,
        body: example.value as { error: { code: string; message: string } },
      })),
    ),
);

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

describe('every documented error example', () => {
  test('covers every operation, both envelopes, 403 and 500', () => {
    expect(new Set(cases.map((c) => c.operationId))).toEqual(new Set(contract.operations.map((op) => op.id)));
    expect(cases.some((c) => c.status === 403)).toBe(true);
    expect(cases.some((c) => c.status === 500 && 'success' in c.body)).toBe(true);
  });

  test.each(cases)('$operationId $status $name', async ({ operationId, status, body }) => {
    server.script({ status, body, headers: { 'x-request-id': 'req_doc', 'retry-after': '1' } });
    const client = createFreddyClient({ apiKey: 'ak_demo', baseUrl: server.url, maxRetries: 0 });
    const operation = contract.operation(operationId);
    const error = (await callOperation(client, operation).catch((e) => e)) as FreddyApiError;
    expect(error.status).toBe(status);
    expect(error.code).toBe(body.error.code);
    expect(error.message).toBe(`${status} ${body.error.code}: ${body.error.message}`);
    expect(error.body).toEqual(body);
    expect(error.requestId).toBe('req_doc');
    if (status === 403) expect(error).toBeInstanceOf(PermissionDeniedError);
    if (status >= 500) expect(error).toBeInstanceOf(InternalServerError);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `${operation.method} /v1${examplePathname(operation)}`,
    ]);
  });
});
