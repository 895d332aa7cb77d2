import { describe, expect, it } from 'vitest';
import { createResponseValidator, describeContract } from '../src/index.js';

const contract = describeContract();
const check = createResponseValidator(contract);
const example = (name: string) =>
  contract.resolve(contract.document.components?.examples?.[name] ?? { $ref: `#/missing/${name}` }).value;

describe('createResponseValidator', () => {
  it('accepts documented bodies under their status', () => {
    expect(check('pinThread', 200, example('PinnedThreadSeed'))).toEqual({ valid: true, errors: '' });
    expect(check('updateThread', 422, example('InvalidTitleSeed')).valid).toBe(true);
  });

  it('rejects a body that breaks the schema, saying where', () => {
    const result = check('retrieveThread', 200, { ...(example('Thread') as object), status: 'archived' });
    expect(result.valid).toBe(false);
    expect(result.errors).toContain('/status');
  });

  it('rejects the wrong error envelope for the operation', () => {
    expect(check('pinThread', 404, example('ThreadNotFoundSeed')).valid).toBe(false);
  });

  it('rejects a status the operation does not document', () => {
    expect(check('pinThread', 422, {})).toEqual({
      valid: false,
      errors: '422 is not a documented response of pinThread',
    });
  });
});
