/**
 * Reading the Markdown pages back, the way the tests compare them with the
 * contract: a page's lines for one name, its sections by heading, its JSON
 * examples by name. Deliberately plain text handling, independent of the
 * generator's own modules.
 */
import { expect } from 'vitest';

/** The `- \`name\` (facts): description` line of a parameter, field or header, or undefined. */
export function itemLine(text: string, name: string): string | undefined {
  return text.split('\n').find((line) => line.startsWith(`- \`${name}\` (`));
}

/** The facts inside the parentheses of an item line, split on the commas between them. */
export function itemFacts(line: string): string[] {
  const open = line.indexOf(' (');
  let depth = 0;
  for (let i = open + 1; i < line.length; i += 1) {
    if (line[i] === '(') depth += 1;
    if (line[i] === ')') depth -= 1;
    if (depth === 0) return line.slice(open + 2, i).split(', ');
  }
  throw new Error(`No facts in ${line}`);
}

/** The text under a heading (`## Responses`, `### 404: …`), up to the next heading of its level or above. */
export function section(text: string, heading: RegExp): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => heading.test(line));
  if (start === -1) throw new Error(`No heading ${heading} in the page`);
  const level = lines[start]!.match(/^#+/)![0].length;
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.match(/^#+/)![0].length <= level);
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

/** The value of the JSON block after `Example \`name\``; fails when there is none. */
export function exampleValue(text: string, name: string): unknown {
  const at = text.indexOf(`Example \`${name}\``);
  expect(at, `example ${name}`).toBeGreaterThan(-1);
  const block = text.slice(at).match(/```json\n([\s\S]*?)\n```/);
  expect(block, `JSON block of example ${name}`).not.toBeNull();
  return JSON.parse(block![1]!);
}

/** Every `[text](target)` link of a Markdown text. */
export function links(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}
