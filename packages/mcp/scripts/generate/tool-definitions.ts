/**
 * One tool per operation of the contract, each read from `describeContract()`:
 * nothing about an operation is written here.
 */
import type { Contract } from '@freddy/spec';
import type { ToolDefinition } from '../../src/tools/definition.js';
import { toolAnnotations } from './annotations.js';
import { toolDescription } from './description.js';
import { toolArguments } from './input-schema.js';
import { outputSchema } from './output-schema.js';
import { toolName } from './tool-name.js';

export function toolDefinitions(contract: Contract): ToolDefinition[] {
  const tools = contract.operations.map((operation): ToolDefinition => {
    const { inputSchema, locations } = toolArguments(contract, operation);
    const output = outputSchema(contract, operation);
    return {
      name: toolName(operation.id),
      title: operation.summary,
      description: toolDescription(operation, inputSchema),
      inputSchema,
      ...(output ? { outputSchema: output } : {}),
      annotations: toolAnnotations(operation),
      call: {
        operationId: operation.id,
        arguments: locations,
        body: operation.requestBody !== undefined,
      },
    };
  });
  const names = new Set(tools.map((tool) => tool.name));
  if (names.size !== tools.length) throw new Error('Two operations give the same tool name');
  return tools;
}
