/**
 * fast-check arbitraries generated from the contract's own schemas, for the
 * subset of JSON Schema the contract uses. Valid values only: invalid ones
 * are made from these by the tests.
 */
import { type JsonObject, type OpenApiDocument, resolveRef } from '@freddy/spec';
import fc from 'fast-check';

export interface ArbitraryOptions {
  /** Cap on generated array lengths, to keep bodies small. */
  maxItems?: number;
  /** The kind of characters strings are made of. */
  unit?: 'grapheme' | 'grapheme-ascii' | 'binary-ascii';
}

export function arbitraryFor(
  doc: OpenApiDocument,
  node: unknown,
  options: ArbitraryOptions = {},
): fc.Arbitrary<unknown> {
  const schema = resolveRef<JsonObject>(doc, node);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.anyOf)) return fc.oneof(...schema.anyOf.map((s) => arbitraryFor(doc, s, options)));
  if (Array.isArray(schema.oneOf)) return fc.oneof(...schema.oneOf.map((s) => arbitraryFor(doc, s, options)));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: (schema.minimum as number | undefined) ?? -1_000_000,
        max: (schema.maximum as number | undefined) ?? 1_000_000,
      });
    case 'string':
      return stringFor(schema, options);
    case 'array':
      return fc.array(arbitraryFor(doc, schema.items, options), {
        minLength: (schema.minItems as number | undefined) ?? 0,
        maxLength: Math.min((schema.maxItems as number | undefined) ?? 5, options.maxItems ?? 5),
      });
    case 'object':
      return objectFor(doc, schema, options);
    default:
      throw new Error(`No arbitrary for schema ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

function stringFor(schema: JsonObject, options: ArbitraryOptions): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 40, 600);
  let arb = fc.string({ minLength, maxLength, unit: options.unit ?? 'grapheme' });
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    arb = arb.filter((s) => pattern.test(s));
  }
  // ajv counts code points; keep only strings whose code-point length is in range.
  return arb.filter((s) => [...s].length >= minLength && [...s].length <= maxLength);
}

function objectFor(doc: OpenApiDocument, schema: JsonObject, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = (schema.required ?? []) as string[];
  const known = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, arbitraryFor(doc, s, options)])),
    { requiredKeys: required },
  );
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const keys = schema.propertyNames
      ? (arbitraryFor(doc, schema.propertyNames, options) as fc.Arbitrary<string>)
      : fc.string();
    const maxKeys = (schema.maxProperties as number | undefined) ?? 10;
    return fc
      .dictionary(keys, arbitraryFor(doc, schema.additionalProperties, options), { maxKeys })
      .filter((d) => Object.keys(d).length <= maxKeys);
  }
  return known;
}
