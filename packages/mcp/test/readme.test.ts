/**
 * The README keeps no hand-made list of the tools, which would go stale as
 * the contract grows: the tools are made from the contract and listed by the
 * server itself (`tools/list`). A line, a table row or a list item may name a
 * tool as an example; one that names more than two is a list.
 */
import { readFileSync } from 'node:fs';
import { describeContract } from '@freddy/spec';
import { expect, test } from 'vitest';
import { snake } from './support/tool-names.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const toolNames = describeContract().operations.map((op) => snake(op.id));

/** Each paragraph, list item or table of the text, with the tools it names, where it names more than two. */
function handKeptLists(text: string, names: readonly string[]): { block: string; names: string[] }[] {
  const blocks = text.split(/\n(?=\s*(?:[-*] |\d+\. |\n))|\n\n/).map((block) => block.trim());
  return blocks
    .map((block) => ({ block, names: names.filter((name) => new RegExp(`\\b${name}\\b`).test(block)) }))
    .filter(({ names: named }) => named.length > 2);
}

test('the README lists no tools by hand: no paragraph, list item or table names more than two', () => {
  expect(handKeptLists(readme, toolNames)).toEqual([]);
});

test('the check catches a hand-kept table, and a list written on one line', () => {
  const table = ['| tool | title |', '| --- | --- |', ...toolNames.map((name) => `| \`${name}\` | … |`)].join('\n');
  expect(handKeptLists(`## Tools\n\n${table}\n\nAfter it.`, toolNames)).toHaveLength(1);
  const line = `- \`--read-only\`: offers ${toolNames.slice(0, 3).join(', ')}.\n- another item`;
  expect(handKeptLists(line, toolNames)).toHaveLength(1);
});
