import { describe, expect, it } from 'vitest';
import { describeContract, type ReferenceObject, type SchemaObject } from '../src/index.js';

const contract = describeContract();

describe('the request body limit', () => {
  it('is stated as data, and the 413 response describes the same figure', () => {
    const limit = contract.limits.requestBodyMaxBytes;
    const tooLarge = contract.operation('createThread').responses.find((response) => response.status === 413);
    expect(tooLarge?.description).toContain(`${limit} bytes`);
    expect(tooLarge?.description).toContain(`${limit / 1024} KiB`);
  });
});

describe('the request body depth limit', () => {
  /** How deeply arrays and objects nest in the deepest value a schema allows. */
  function deepestNesting(node: SchemaObject | ReferenceObject, seen = new Set<object>()): number {
    const schema = contract.resolve(node);
    if (seen.has(schema)) return Number.POSITIVE_INFINITY;
    const inner = new Set(seen).add(schema);
    const children = [
      ...Object.values(schema.properties ?? {}),
      ...('items' in schema && schema.items ? [schema.items] : []),
      ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : []),
    ];
    const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
    const own = schema.type === 'object' || schema.type === 'array' ? 1 : 0;
    return Math.max(
      own + Math.max(0, ...children.map((child) => deepestNesting(child, inner))),
      ...branches.map((branch) => deepestNesting(branch, inner)),
    );
  }

  it('is stated as data and leaves room for every body the schemas allow', () => {
    const depths = contract.operations.flatMap((op) => (op.requestBody ? [deepestNesting(op.requestBody.schema)] : []));
    expect(Math.max(...depths)).toBe(3);
    expect(contract.limits.requestBodyMaxDepth).toBeGreaterThanOrEqual(Math.max(...depths));
  });

  it('is named, with its figure, in the documented 400 example', () => {
    const example = contract
      .operation('createThread')
      .responses.find((response) => response.status === 400)
      ?.examples.find((candidate) => candidate.name === 'BodyTooDeep');
    expect(JSON.stringify(example?.value)).toContain(`deeper than ${contract.limits.requestBodyMaxDepth} levels`);
  });
});
