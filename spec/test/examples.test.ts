/**
 * An independent check of every example in the bundled document: each must
 * validate against the schema it illustrates (JSON Schema 2020-12, ajv).
 */
import { describe, expect, it } from 'vitest';
import { compileSchema, createSpecAjv, describeContract, formatErrors, loadSpec } from '../src/index.js';
import { collectExamples } from './collect-examples.js';

const doc = loadSpec();
const ajv = createSpecAjv(doc);

describe('every example in the bundled spec', () => {
  const cases = collectExamples(doc);

  it('covers media-type, parameter and schema examples of every operation', () => {
    expect(cases.length).toBeGreaterThan(100);
    for (const { id } of describeContract(doc).operations) {
      expect(cases.some((c) => c.where.startsWith(`${id} 200`))).toBe(true);
    }
    expect(cases.some((c) => c.where.includes(' parameter '))).toBe(true);
    expect(cases.some((c) => c.where.startsWith('schemas.'))).toBe(true);
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s is valid', (_where, { schema, value }) => {
    const validate = compileSchema(ajv, schema);
    expect(validate(value), formatErrors(validate.errors)).toBe(true);
  });
});

describe('the example validator', () => {
  it('catches an example that breaks its schema', () => {
    const broken = structuredClone(doc);
    const seed = broken.components?.examples?.InvalidTitleSeed as { value: { error: { type: string } } };
    seed.value.error.type = 'no_such_type';
    const bad = collectExamples(broken).filter((c) => !compileSchema(ajv, c.schema)(c.value));
    expect(bad.map((c) => c.where)).toEqual([
      'createThread 422 application/json examples.InvalidTitleSeed',
      'updateThread 422 application/json examples.InvalidTitleSeed',
      'updateThreadMetadata 422 application/json examples.InvalidTitleSeed',
    ]);
  });

  it('catches a schema-level example that breaks its own schema', () => {
    const broken = structuredClone(doc);
    broken.components!.schemas!.ThreadTitle!.examples = ['x'.repeat(201)];
    const bad = collectExamples(broken).filter((c) => !compileSchema(ajv, c.schema)(c.value));
    expect(bad.map((c) => c.where)).toEqual(['schemas.ThreadTitle examples[0]']);
  });
});
