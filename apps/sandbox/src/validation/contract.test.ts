import { loadSpec } from '@freddy/spec';
import { describe, expect, it } from 'vitest';
import { classifyBodyError } from './classify.js';
import { compileContract } from './contract.js';

const operation = (contract: ReturnType<typeof compileContract>, id: string) =>
  contract.operations.find((o) => o.operationId === id)!;

describe('compileContract', () => {
  const spec = loadSpec();
  const contract = compileContract(spec);

  it('reads routes, envelopes and credential schemes from the spec', () => {
    expect(contract.basePath).toBe('/v1');
    expect(contract.operations.map((o) => o.operationId).sort()).toEqual(
      [
        'createThread',
        'deleteThread',
        'listThreads',
        'pinThread',
        'retrieveThread',
        'unpinThread',
        'updateThread',
        'updateThreadMetadata',
      ].sort(),
    );
    expect(operation(contract, 'pinThread').envelope).toBe('platform');
    expect(operation(contract, 'pinThread').credentialSources).toEqual([
      { kind: 'apiKeyHeader', header: 'x-api-key' },
      { kind: 'bearer' },
    ]);
    expect(operation(contract, 'updateThread').envelope).toBe('freddy');
    expect(operation(contract, 'updateThread').credentialSources).toEqual([{ kind: 'bearer' }]);
    expect(operation(contract, 'listThreads').query?.defaults).toEqual({ limit: 20, order: 'desc' });
    expect(operation(contract, 'createThread').body?.defaults).toEqual({ visibleInUi: true });
  });

  it('enforces whatever limit the spec states: change the spec, and the validator follows', () => {
    const doc = loadSpec();
    const title = (doc.components.schemas as Record<string, Record<string, unknown>>).ThreadTitle!;
    const validate = operation(contract, 'updateThread').body!.validate;
    expect(validate({ title: 'x'.repeat(200) })).toBe(true);

    title.maxLength = 5;
    const tightened = operation(compileContract(doc), 'updateThread').body!.validate;
    expect(tightened({ title: 'abcde' })).toBe(true);
    expect(tightened({ title: 'abcdef' })).toBe(false);
    const error = classifyBodyError(tightened.errors?.[0]);
    expect(error.init).toMatchObject({ status: 422, code: 'invalid_title', param: 'title' });
    expect(error.message).toContain('5');
  });

  it('takes the body limit from the spec, and refuses a spec without one', () => {
    expect(contract.maxBodyBytes).toBe(65536);
    expect(compileContract({ ...spec, 'x-request-body-max-bytes': 10 }).maxBodyBytes).toBe(10);
    expect(() => compileContract({ ...spec, 'x-request-body-max-bytes': undefined })).toThrow(
      /x-request-body-max-bytes/,
    );
  });

  it('maps ajv keywords by the house rule: malformed → 400, over a limit → 422', () => {
    const validate = operation(contract, 'createThread').body!.validate;
    const statusOf = (body: unknown) => {
      expect(validate(body)).toBe(false);
      return classifyBodyError(validate.errors?.[0]).status;
    };
    expect(statusOf({ nope: 1 })).toBe(400);
    expect(statusOf({ title: 1 })).toBe(400);
    expect(statusOf({ messages: [{ role: 'user' }] })).toBe(400);
    expect(statusOf({ title: '' })).toBe(422);
    expect(statusOf({ messages: [{ role: 'robot', content: 'x' }] })).toBe(422);
    expect(statusOf({ metadata: { k: 'v'.repeat(513) } })).toBe(422);
  });
});
