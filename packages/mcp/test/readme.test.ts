/**
 * The README's tools table against the contract and the built tools: one row
 * per operation, in order, with its name, title, method and path, and the
 * annotations the tool carries. A new operation, a renamed summary or a
 * changed hint fails here until the README says it too.
 */
import { readFileSync } from 'node:fs';
import { describeContract } from '@freddy/spec';
import { expect, test } from 'vitest';
import { toolDefinitions } from '../src/tools/catalog.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The rows of the first table under `## Tools`, cells trimmed, header and rule left out. */
function toolsTable(): string[][] {
  const section = readme.slice(readme.indexOf('\n## Tools\n'));
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const table = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break;
    table.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return table.slice(2);
}

test("the README's tools table is the contract's operations, as the tools carry them", () => {
  const contract = describeContract();
  const yesNo = (value: boolean | undefined) => (value === undefined ? '—' : value ? 'yes' : 'no');
  const expected = toolDefinitions.map((tool) => {
    const op = contract.operation(tool.call.operationId);
    const hints = tool.annotations as { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean };
    return [
      `\`${tool.name}\``,
      op.summary,
      `\`${op.method} ${op.path}\``,
      yesNo(hints.readOnlyHint ?? false),
      yesNo(hints.destructiveHint),
      yesNo(hints.idempotentHint),
    ];
  });
  expect(expected).toHaveLength(contract.operations.length);
  expect(toolsTable()).toEqual(expected);
});
