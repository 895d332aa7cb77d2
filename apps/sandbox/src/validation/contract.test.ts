import { describeContract, loadSpec } from '@freddy/spec';
import { describe, expect, it } from 'vitest';
import { classifyBodyError } from './classify.js';
import { compileContract } from './contract.js';

const operation = (contract: ReturnType<typeof compileContract>, id: string) =>
  contract.operations.find((o) => o.spec.id === id)!;

describe('compileContract', () => {
  const contract = compileContract(describeContract());

  it('reads routes, envelopes and validators from the contract model', () => {
    expect(contract.basePath).toBe('/v1');
    expect(contract.operations.map((o) => o.spec.id).sort()).toEqual(
      describeContract()
        .operations.map((op) => op.id)
        .sort(),
    );
    expect(operation(contract, 'pinThread').envelope.kind).toBe('platform');
    expect(operation(contract, 'updateThread').envelope.kind).toBe('freddy');
    expect(operation(contract, 'listThreads').query?.defaults).toEqual({ limit: 20, order: 'desc' });
    expect(operation(contract, 'createThread').body?.defaults).toEqual({ visibleInUi: true });
  });

  it('enforces whatever limit the spec states: change the spec, and the validator follows', () => {
    const doc = loadSpec();
    const title = doc.components!.schemas!.ThreadTitle!;
    const validate = operation(contract, 'updateThread').body!.validate;
    expect(validate({ title: 'x'.repeat(200) })).toBe(true);

    title.maxLength = 5;
    const tightened = operation(compileContract(describeContract(doc)), 'updateThread').body!.validate;
    expect(tightened({ title: 'abcde' })).toBe(true);
    expect(tightened({ title: 'abcdef' })).toBe(false);
    const error = classifyBodyError(tightened.errors?.[0]);
    expect(error.init).toMatchObject({ status: 422, code: 'invalid_title', param: 'title' });
    expect(error.message).toContain('5');
  });

  it("takes the platform envelope's codes and messages from the documented examples", () => {
    const pin = operation(contract, 'pinThread').envelope;
    if (pin.kind !== 'platform') throw new Error('pinThread has the platform envelope');
    const notFound = describeContract()
      .operation('pinThread')
      .responses.find((response) => response.status === 404)?.examples[0]?.value as { error: { code: string } };
    expect(pin.documented.get(404)?.code).toBe(notFound.error.code);
    expect([...pin.documented.keys()].sort()).toEqual([400, 401, 403, 404, 409, 429, 500]);
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
