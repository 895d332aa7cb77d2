/**
 * The built tools (generated/tools.ts, what the package ships) against the
 * contract they were made from: every input schema compiles under JSON
 * Schema 2020-12 and takes every request example the contract documents;
 * every output schema takes every success example; and the whole of
 * `tools/list` stays within its budget.
 */

import { createFreddyClient } from '@freddy/client';
import { describeContract } from '@freddy/spec';
import { describe, expect, test } from 'vitest';
import { toolDefinitions } from '../src/tools/catalog.js';
import { exampleArguments, strictAjv } from './support/examples.js';
import { connectInMemory } from './support/mcp-clients.js';

const contract = describeContract();

describe.each(toolDefinitions.map((tool) => [tool.name, tool] as const))('%s', (_, tool) => {
  const op = contract.operation(tool.call.operationId);

  test('its input schema compiles (ajv, 2020-12, strict) and takes the request examples of the contract', () => {
    const validate = strictAjv().compile(tool.inputSchema);
    const cases = exampleArguments(op.id);
    expect(cases.length).toBeGreaterThan(0);
    for (const { name, args } of cases)
      expect(validate(args), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    // And refuses what breaks it: a path parameter missing, or an unknown argument.
    if (op.parameters.path.length) expect(validate({})).toBe(false);
    expect(validate({ ...cases[0]!.args, not_an_argument: 1 })).toBe(false);
  });

  test('its output schema compiles and takes the success examples of the contract', () => {
    const validate = strictAjv().compile(tool.outputSchema!);
    const success = op.responses.find((response) => response.status === 200)!;
    expect(success.examples.length).toBeGreaterThan(0);
    for (const example of success.examples) {
      expect(validate(example.value), `${example.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    // An error body is not a success: the schema tells them apart.
    const error = op.responses.find((response) => response.status === 404 || response.status === 400)!;
    expect(validate(error.examples[0]!.value)).toBe(false);
  });
});

describe('tools/list', () => {
  test('is at most 12 kB, as a host receives it', async () => {
    const mcp = await connectInMemory(createFreddyClient({ apiKey: 'ak_x', baseUrl: 'http://127.0.0.1:9/v1' }));
    try {
      const { tools } = await mcp.client.listTools();
      expect(tools).toHaveLength(contract.operations.length);
      const bytes = Buffer.byteLength(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { tools } }));
      expect(bytes).toBeLessThanOrEqual(12_000);
    } finally {
      await mcp.close();
    }
  });
});
