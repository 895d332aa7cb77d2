/**
 * fast-check arbitraries generated from the contract's own schemas, for the
 * subset of JSON Schema the contract uses. Valid values only: invalid ones
 * are made from these by the tests.
 */
import type { Contract, ReferenceObject, SchemaObject } from '@freddy/spec';
import fc from 'fast-check';

export interface ArbitraryOptions {
  /** Cap on generated array lengths, to keep bodies small. */
  maxItems?: number;
  /** The kind of characters strings are made of. */
  unit?: 'grapheme' | 'grapheme-ascii' | 'binary-ascii';
}

type Node = SchemaObject | ReferenceObject;

export function arbitraryFor(contract: Contract, node: Node, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const schema = contract.resolve(node);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => arbitraryFor(contract, s, options)));
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map((s) => arbitraryFor(contract, s, options)));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'string':
      return stringFor(schema, options);
    case 'array':
      if (!('items' in schema) || !schema.items) throw new Error('An array schema without items');
      return fc.array(arbitraryFor(contract, schema.items, options), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, options.maxItems ?? 5),
      });
    case 'object':
      return objectFor(contract, schema, options);
    default:
      throw new Error(`No arbitrary for schema ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

function stringFor(schema: SchemaObject, options: ArbitraryOptions): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 600);
  let arb = fc.string({ minLength, maxLength, unit: options.unit ?? 'grapheme' });
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    arb = arb.filter((s) => pattern.test(s));
  }
  // ajv counts code points; keep only strings whose code-point length is in range.
  return arb.filter((s) => [...s].length >= minLength && [...s].length <= maxLength);
}

function objectFor(contract: Contract, schema: SchemaObject, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const known = fc.record(
    Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([name, s]) => [name, arbitraryFor(contract, s, options)]),
    ),
    { requiredKeys: schema.required ?? [] },
  );
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    // JSON Schema 2020-12 has `propertyNames`; openapi-types' 3.1 model leaves it out.
    const { propertyNames } = schema as { propertyNames?: Node };
    const keys = propertyNames ? (arbitraryFor(contract, propertyNames, options) as fc.Arbitrary<string>) : fc.string();
    const maxKeys = schema.maxProperties ?? 10;
    return fc
      .dictionary(keys, arbitraryFor(contract, schema.additionalProperties, options), { maxKeys })
      .filter((d) => Object.keys(d).length <= maxKeys);
  }
  return known;
}
