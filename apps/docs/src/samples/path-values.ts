/**
 * The value a sample shows for each path parameter. The id the operation's
 * own success example answers with wins for the last parameter (the resource
 * the path names), so the request and the response shown beside it name the
 * same thread: pin and unpin answer with `thrd_…`, as their vendor page does.
 * Any other parameter shows its own example.
 */
import type { ContractOperation } from '@freddy/spec';

export interface PathParam {
  name: string;
  value: string;
}

export function samplePathValues(operation: ContractOperation): PathParam[] {
  const { names } = operation.template;
  const answeredId = successExampleId(operation);
  return names.map((name, index) => {
    const example = operation.parameters.path.find((parameter) => parameter.name === name)?.example;
    const value = (index === names.length - 1 ? answeredId : undefined) ?? example;
    if (value === undefined) throw new Error(`${operation.id}: path parameter ${name} has no example`);
    return { name, value: String(value) };
  });
}

function successExampleId(operation: ContractOperation): string | undefined {
  const value = operation.success.examples[0]?.value;
  const id = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}
