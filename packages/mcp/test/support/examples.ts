/** The contract's request examples as tool arguments, and a JSON Schema 2020-12 validator to check them with. */
import { describeContract } from '@freddy/spec';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';

const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;
const contract = describeContract();

/** ajv for draft 2020-12, strict (an unknown keyword is an error), every error at once. */
export function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** Every request the contract's examples describe, as one tool call's arguments: the parameters' examples, with each body example. */
export function exampleArguments(operationId: string): { name: string; args: Record<string, unknown> }[] {
  const op = contract.operation(operationId);
  const params = Object.fromEntries(
    [...op.parameters.path, ...op.parameters.query]
      .filter((parameter) => parameter.example !== undefined)
      .map((parameter) => [parameter.name, parameter.example]),
  );
  const bodies = op.requestBody?.examples ?? [];
  if (!bodies.length) return [{ name: 'parameters', args: params }];
  return bodies.map((example) => ({ name: example.name, args: { ...params, ...(example.value as object) } }));
}
