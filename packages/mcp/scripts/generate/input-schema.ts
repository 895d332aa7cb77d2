/**
 * A tool's arguments: the operation's path parameters, query parameters and
 * body properties side by side in one object schema, with their types,
 * limits, enums, defaults, descriptions and `required` from the contract,
 * and where each goes in the request. Headers are not arguments, but for one:
 * a write's `Idempotency-Key` is the optional `idempotency_key`, with the
 * contract's bounds, so an agent can repeat a write whose outcome it does not
 * know and have it done at most once (the client sends a fresh key otherwise).
 */
import type { Contract, ContractOperation, ContractParameter } from '@freddy/spec';
import type { ArgumentLocation, JsonSchema, ObjectSchema } from '../../src/tools/definition.js';
import { firstSentence } from './prose.js';
import { selfContained } from './self-contained.js';

// The contract's examples are left out: they are the docs', and each costs context on every host. Each
// description is its first sentence, what the value is; the sentences after it restate the bounds that
// the keywords beside it state (and the tool's description lists).
const INLINE = { omit: new Set(['examples']), describe: firstSentence };

/** The argument that carries a write's `Idempotency-Key`, and what it tells the agent. */
const IDEMPOTENCY_KEY_ARGUMENT = 'idempotency_key';
const IDEMPOTENCY_KEY = 'To repeat a write whose outcome is unknown: the key its result named.';

export interface ToolArguments {
  inputSchema: ObjectSchema;
  locations: Record<string, ArgumentLocation>;
}

export function toolArguments(contract: Contract, operation: ContractOperation): ToolArguments {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const locations: Record<string, ArgumentLocation> = {};
  const add = (name: string, location: ArgumentLocation, schema: JsonSchema, isRequired: boolean) => {
    const taken = locations[name];
    if (taken) {
      throw new Error(
        `${operation.id}: the ${location} ${location === 'body' ? 'property' : 'parameter'} ${name} has the name of a ${taken} ${taken === 'body' ? 'property' : 'parameter'}; one tool cannot take both`,
      );
    }
    locations[name] = location;
    properties[name] = schema;
    if (isRequired) required.push(name);
  };

  for (const parameter of [...operation.parameters.path, ...operation.parameters.query]) {
    add(parameter.name, parameter.in as ArgumentLocation, parameterSchema(contract, parameter), parameter.required);
  }
  for (const parameter of [...operation.parameters.header, ...operation.parameters.cookie]) {
    if (parameter.required) {
      throw new Error(
        `${operation.id}: the required ${parameter.in} parameter ${parameter.name} cannot be a tool argument`,
      );
    }
  }
  const idempotencyKey = operation.parameters.header.find((parameter) => /^idempotency-key$/i.test(parameter.name));

  const body = operation.requestBody;
  if (body) {
    const schema = body.schema;
    if (schema.type !== 'object' || !schema.properties) {
      throw new Error(`${operation.id}: a body that is not an object with properties cannot be spread into arguments`);
    }
    const bodyRequired = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties)) {
      add(name, 'body', selfContained(contract, property, INLINE), bodyRequired.has(name));
    }
  }

  // Last, after what the call is about: it matters only when a call is repeated.
  if (idempotencyKey) {
    const schema = selfContained(contract, idempotencyKey.schema, INLINE);
    add(IDEMPOTENCY_KEY_ARGUMENT, 'idempotencyKey', { ...schema, description: IDEMPOTENCY_KEY }, false);
  }

  return {
    inputSchema: {
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      // Every location refuses what it does not know; an unknown argument is a mistake to name, not to drop.
      additionalProperties: false,
    },
    locations,
  };
}

/**
 * A parameter's schema as an argument's. A query parameter is described by the parameter, which says how
 * it shapes the call ("A cursor: the id of a thread from a previous page"); a path parameter by its
 * schema ("A thread id."): it names the thread the call is about, which the tool's name already says.
 */
function parameterSchema(contract: Contract, parameter: ContractParameter): JsonSchema {
  const schema = selfContained(contract, parameter.schema, INLINE);
  if (parameter.in !== 'query' || !parameter.description) return schema;
  return { ...schema, description: firstSentence(parameter.description) };
}
