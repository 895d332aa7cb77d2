/**
 * A tool's result schema: the success response's body schema, self-contained.
 * MCP wants an object schema there (`structuredContent` is an object), so an
 * operation whose success body is anything else is refused rather than given
 * a schema its results would not match.
 */
import type { Contract, ContractOperation } from '@freddy/spec';
import type { JsonSchema, ObjectSchema } from '../../src/tools/definition.js';
import { selfContained } from './self-contained.js';

// The result's structure: its fields, which are always there, their types, enums, consts and
// nullability. Their bounds, formats and meaning are the API reference's (and the API keeps them): leaving
// them out keeps `tools/list`, which a host reads into the model's context on every turn, within 12 kB.
const STRUCTURE = new Set([
  'type',
  'properties',
  'required',
  'items',
  'additionalProperties',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'allOf',
]);

export function outputSchema(contract: Contract, operation: ContractOperation): ObjectSchema | undefined {
  const { schema } = operation.success;
  if (!schema) return undefined;
  const inlined = selfContained(contract, schema, { keep: STRUCTURE });
  if (inlined.type !== 'object') {
    throw new Error(`${operation.id}: its success body is not a JSON object, which an MCP outputSchema must be`);
  }
  return withoutImpliedTypes(inlined) as ObjectSchema;
}

/** `{ type: 'string', const: 'thread' }` says no more than `{ const: 'thread' }`; the same for an enum. */
function withoutImpliedTypes(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'type' && ('const' in schema || 'enum' in schema)) continue;
    if (keyword === 'properties') {
      out[keyword] = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, item]) => [name, withoutImpliedTypes(item)]),
      );
    } else if (Array.isArray(value) && ['anyOf', 'oneOf', 'allOf'].includes(keyword)) {
      out[keyword] = value.map((item) => withoutImpliedTypes(item as JsonSchema));
    } else if ((keyword === 'items' || keyword === 'additionalProperties') && typeof value === 'object') {
      out[keyword] = withoutImpliedTypes(value as JsonSchema);
    } else out[keyword] = value;
  }
  return out;
}
