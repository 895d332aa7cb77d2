/**
 * The operation table is derived from the bundle at `generate` time; these
 * checks compare it with the contract read through @freddy/spec's model, so
 * a stale or wrongly derived table fails here.
 */
import { describeContract } from '@freddy/spec';
import { describe, expect, test } from 'vitest';
import { clientRoute } from '../scripts/operation-rows.mjs';
import { clientRoutes, type OperationId, operationTable } from '../src/index.js';

const contract = describeContract();

describe('operationTable', () => {
  test('holds exactly the operations of the contract, with their method and path', () => {
    expect(Object.keys(operationTable).sort()).toEqual(contract.operations.map((op) => op.id).sort());
    for (const op of contract.operations) {
      const row = operationTable[op.id as OperationId];
      expect(row.method).toBe(op.method);
      expect(row.path).toBe(op.path);
    }
  });

  test('each operation defaults to its production server', () => {
    for (const op of contract.operations) expect(operationTable[op.id as OperationId].server).toBe(op.server.url);
    expect(operationTable.pinThread.server).toBe('https://api.aitronos.com/v1');
    expect(operationTable.retrieveThread.server).toBe('https://api.freddy.aitronos.com/v1');
  });

  test('security schemes are those the operation lists, in order, with the header each reads', () => {
    expect(operationTable.pinThread.security).toEqual([
      { scheme: 'ApiKeyAuth', kind: 'apiKey', header: 'X-API-Key' },
      { scheme: 'BearerAuth', kind: 'bearer', header: 'Authorization' },
    ]);
    expect(operationTable.unpinThread.security).toEqual(operationTable.pinThread.security);
    expect(operationTable.updateThread.security).toEqual([
      { scheme: 'BearerAuth', kind: 'bearer', header: 'Authorization' },
    ]);
  });
});

describe('clientRoutes', () => {
  test('is the operation table with the schemes cut to the header an API key goes in', () => {
    for (const op of contract.operations) {
      const { security, ...rest } = operationTable[op.id as OperationId];
      const header = security.find((scheme) => scheme.kind === 'apiKey')?.header ?? null;
      expect(clientRoutes[op.id as OperationId], op.id).toEqual({ ...rest, apiKeyHeader: header });
    }
    expect(clientRoutes.pinThread.apiKeyHeader).toBe('X-API-Key');
    expect(clientRoutes.updateThread.apiKeyHeader).toBe(null);
  });

  test('is refused for a contract with an operation that takes no bearer token, which the client could not call', () => {
    const pin = contract.operations.find((op) => op.id === 'pinThread')!;
    const apiKeyOnly = { ...pin, security: pin.security.filter((scheme) => scheme.kind !== 'bearer') };
    expect(() => clientRoute(apiKeyOnly)).toThrow('pinThread accepts no bearer token');
    expect(clientRoute(pin).apiKeyHeader).toBe('X-API-Key');
  });
});

describe('idempotency keys', () => {
  test('are taken by exactly the operations whose contract declares the header', () => {
    for (const op of contract.operations) {
      const declared = op.parameters.header.some((parameter) => parameter.name === 'Idempotency-Key');
      expect(operationTable[op.id as OperationId].idempotencyKey, op.id).toBe(declared);
    }
    expect(operationTable.createThread.idempotencyKey).toBe(true);
    expect(operationTable.pinThread.idempotencyKey).toBe(true);
    expect(operationTable.listThreads.idempotencyKey).toBe(false);
  });
});
