/**
 * The built tools (generated/tools.ts, what the package ships) against the
 * contract they were made from, operation by operation: each has its tool,
 * whose input schema compiles under JSON Schema 2020-12 and takes every
 * request example the contract documents, and whose output schema takes every
 * success example; and the whole of `tools/list` stays within its budget.
 */

import { createFreddyClient } from '@freddy/client';
import { describeContract } from '@freddy/spec';
import { describe, expect, test } from 'vitest';
import { TOOLS_LIST_BUDGET, toolsListBudgetBytes } from '../bench/tools-list-budget.js';
import { toolDefinitions as generate } from '../scripts/generate/tool-definitions.js';
import { toolDefinitions } from '../src/tools/catalog.js';
import type { ToolDefinition } from '../src/tools/definition.js';
import { exampleArguments, strictAjv } from './support/examples.js';
import { addProbe, fixture } from './support/fixture-contract.js';
import { connectInMemory } from './support/mcp-clients.js';

const contract = describeContract();

test('every operation has exactly one built tool, and every built tool an operation', () => {
  expect(toolDefinitions.map((tool) => tool.call.operationId)).toEqual(contract.operations.map((op) => op.id));
});

describe.each(contract.operations.map((op) => [op.id, op] as const))('%s', (_, op) => {
  const tool = toolDefinitions.find((candidate) => candidate.call.operationId === op.id)!;

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
    const error = op.responses.find((response) => response.status >= 400 && response.examples.length)!;
    expect(validate(error.examples[0]!.value)).toBe(false);
  });
});

/** The `tools/list` answer's bytes, as the SDK's client receives them from a server offering `tools`. */
async function listBytes(tools?: readonly ToolDefinition[]): Promise<{ bytes: number; count: number }> {
  const mcp = await connectInMemory(
    createFreddyClient({ apiKey: 'ak_x', baseUrl: 'http://127.0.0.1:9/v1' }),
    tools ? { tools } : {},
  );
  try {
    const { tools: listed } = await mcp.client.listTools();
    return {
      bytes: Buffer.byteLength(JSON.stringify({ jsonrpc: '2.0', id: 1, result: { tools: listed } })),
      count: listed.length,
    };
  } finally {
    await mcp.close();
  }
}

describe('tools/list', () => {
  test(`is within ${TOOLS_LIST_BUDGET.fixedBytes} + ${TOOLS_LIST_BUDGET.bytesPerOperation} bytes per operation, as a host receives it`, async () => {
    const { bytes, count } = await listBytes();
    expect(count).toBe(contract.operations.length);
    expect(bytes).toBeLessThanOrEqual(toolsListBudgetBytes(contract.operations.length));
  });

  test('the budget catches a tool that costs more than its share: an added operation with a long description', async () => {
    // An operation of an ordinary size fits the budget grown by one operation…
    const ordinary = generate(describeContract(fixture((doc) => addProbe(doc))));
    const fits = await listBytes(ordinary);
    expect(fits.count).toBe(contract.operations.length + 1);
    expect(fits.bytes).toBeLessThanOrEqual(toolsListBudgetBytes(fits.count));
    // …one whose description alone is a whole operation's share does not.
    const long = `${'Probe a fixture at length. '.repeat(Math.ceil(TOOLS_LIST_BUDGET.bytesPerOperation / 27))}`;
    const heavy = generate(describeContract(fixture((doc) => addProbe(doc, long.trim()))));
    const over = await listBytes(heavy);
    expect(over.count).toBe(contract.operations.length + 1);
    expect(over.bytes).toBeGreaterThan(toolsListBudgetBytes(over.count));
  });
});
