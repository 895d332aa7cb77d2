/**
 * The operation table is derived from the bundle at `generate` time; these
 * checks compare it with the contract read through @freddy/spec, so a stale
 * or wrongly derived table fails here.
 */
import { listOperations, loadSpec } from '@freddy/spec';
import { describe, expect, test } from 'vitest';
import { operationTable } from '../src/index.js';

const doc = loadSpec();
const specOps = listOperations(doc);

describe('operationTable', () => {
  test('holds exactly the operations of the contract, with their method and path', () => {
    expect(Object.keys(operationTable).sort()).toEqual(specOps.map((op) => op.operationId).sort());
    for (const op of specOps) {
      const row = operationTable[op.operationId as keyof typeof operationTable];
      expect(row.method).toBe(op.method.toUpperCase());
      expect(row.path).toBe(op.path);
    }
  });

  test('each operation defaults to the first server of its path item', () => {
    for (const op of specOps) {
      const servers = (op.operation.servers ?? op.pathItem.servers ?? doc.servers) as { url: string }[];
      expect(operationTable[op.operationId as keyof typeof operationTable].server).toBe(servers[0]?.url);
    }
    expect(operationTable.pinThread.server).toBe('https://api.aitronos.com/v1');
    expect(operationTable.retrieveThread.server).toBe('https://api.freddy.aitronos.com/v1');
  });

  test('security schemes are those the operation lists', () => {
    expect(operationTable.pinThread.security).toEqual(['ApiKeyAuth', 'BearerAuth']);
    expect(operationTable.unpinThread.security).toEqual(['ApiKeyAuth', 'BearerAuth']);
    expect(operationTable.updateThread.security).toEqual(['BearerAuth']);
    const schemes = Object.keys(doc.components.securitySchemes ?? {});
    for (const row of Object.values(operationTable)) for (const s of row.security) expect(schemes).toContain(s);
  });
});
