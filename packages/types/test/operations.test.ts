/**
 * The operation table is derived from the bundle at `generate` time; these
 * checks compare it with the contract read through @freddy/spec's model, so
 * a stale or wrongly derived table fails here.
 */
import { describeContract } from '@freddy/spec';
import { describe, expect, test } from 'vitest';
import { operationRow } from '../scripts/operation-rows.mjs';
import { type OperationId, operationTable } from '../src/index.js';

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

  test('an API key goes in the header of the API-key scheme the operation accepts, else none', () => {
    for (const op of contract.operations) {
      const header = op.security.find((scheme) => scheme.kind === 'apiKey')?.header ?? null;
      expect(operationTable[op.id as OperationId].apiKeyHeader, op.id).toBe(header);
    }
    expect(operationTable.pinThread.apiKeyHeader).toBe('X-API-Key');
    expect(operationTable.unpinThread.apiKeyHeader).toBe('X-API-Key');
    expect(operationTable.updateThread.apiKeyHeader).toBe(null);
  });

  test('is refused for a contract with an operation that takes no bearer token, which the client could not call', () => {
    const pin = contract.operations.find((op) => op.id === 'pinThread')!;
    const apiKeyOnly = { ...pin, security: pin.security.filter((scheme) => scheme.kind !== 'bearer') };
    expect(() => operationRow(apiKeyOnly)).toThrow('pinThread accepts no bearer token');
    expect(operationRow(pin).apiKeyHeader).toBe('X-API-Key');
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
