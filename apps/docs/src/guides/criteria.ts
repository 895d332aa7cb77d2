/**
 * A step's success criteria in words, for a reader: `$statusCode == 200` is
 * "the status is `200`", `$response.body#/data/0/id == $steps.x.outputs.threadId`
 * is "`data[0].id` is `$THREAD_ID`". A condition of another shape is shown
 * as it is written.
 */
import type { Guide } from '@freddy/spec/guides';
import { code } from '../markdown/text.js';
import { variableOf } from './step-request.js';

const COMPARISON = /^(\S+)\s*(==|!=)\s*(\S+)$/;

export function criterionText(guide: Guide, condition: string): string {
  const match = COMPARISON.exec(condition.trim());
  if (!match) return code(condition);
  const [, left, operator, right] = match;
  const subject = operand(guide, left!);
  const value = operand(guide, right!);
  if (!subject || !value) return code(condition);
  return `${subject} ${operator === '==' ? 'is' : 'is not'} ${value}`;
}

/** One side of a comparison in words, or undefined when it has no plain reading. */
function operand(guide: Guide, text: string): string | undefined {
  if (text === '$statusCode') return 'the status';
  const pointer = /^\$response\.body#(\/.*)$/.exec(text)?.[1];
  if (pointer) return code(fieldPath(pointer));
  const header = /^\$response\.header\.(.+)$/.exec(text)?.[1];
  if (header) return `the header ${code(header)}`;
  const variable = variableOf(guide, text);
  if (variable) return code(`$${variable}`);
  if (text.startsWith('$')) return undefined;
  const quoted = /^'(.*)'$/.exec(text)?.[1];
  return code(quoted ?? text);
}

/** `/data/0/id` → `data[0].id`. */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}
