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

  describe('with the headers', () => {
    const documented = {
      'access-control-allow-origin': '*',
      'x-request-id': 'req_abc123xyz',
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '99',
      'x-ratelimit-reset': '1741476600',
    };

    it('accepts documented headers, from fetch or as a plain record', () => {
      const body = example('PinnedThreadSeed');
      expect(check('pinThread', 200, body, new Headers(documented))).toEqual({ valid: true, errors: '' });
      expect(check('pinThread', 200, body, documented)).toEqual({ valid: true, errors: '' });
    });

    it('accepts an answer without the headers that are not required', () => {
      expect(check('pinThread', 200, example('PinnedThreadSeed'), { 'access-control-allow-origin': '*' }).valid).toBe(
        true,
      );
    });

    it('rejects an answer without a required header', () => {
      const { 'access-control-allow-origin': _, ...rest } = documented;
      expect(check('retrieveThread', 200, example('Thread'), new Headers(rest))).toEqual({
        valid: false,
        errors: 'header Access-Control-Allow-Origin is required',
      });
    });

    it('rejects a header value its schema refuses, integers read as decimal text', () => {
      const origin = check('pinThread', 200, example('PinnedThreadSeed'), {
        ...documented,
        'access-control-allow-origin': 'https://evil.example',
      });
      expect(origin.valid).toBe(false);
      expect(origin.errors).toContain('header Access-Control-Allow-Origin');
      const count = check('pinThread', 200, example('PinnedThreadSeed'), {
        ...documented,
        'x-ratelimit-limit': 'lots',
      });
      expect(count.valid).toBe(false);
      expect(count.errors).toContain('header X-RateLimit-Limit');
      const negative = check('pinThread', 200, example('PinnedThreadSeed'), {
        ...documented,
        'x-ratelimit-remaining': '-1',
      });
      expect(negative.errors).toContain('header X-RateLimit-Remaining');
    });
  });
});
