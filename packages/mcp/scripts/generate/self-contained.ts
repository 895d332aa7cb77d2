/**
 * A contract schema made self-contained for a tool: every
 * `#/components/schemas/…` reference replaced by the schema it names, so a
 * host reads each argument and result field where it stands (MCP hosts and
 * the models behind them resolve `$ref`s unevenly), and descriptions written
 * as prose for an agent (`prose.ts`).
 */
import type { Contract, ReferenceObject, SchemaObject } from '@freddy/spec';
import type { JsonSchema } from '../../src/tools/definition.js';
import { prose } from './prose.js';

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set([
  'items',
  'additionalProperties',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'dependentSchemas']);
/** Keywords that describe and never constrain: a `$ref`'s siblings made of these merge into its target. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', 'readOnly', 'writeOnly', 'deprecated']);

export interface InlineOptions {
  /** Keywords to leave out. */
  omit?: ReadonlySet<string>;
  /** When given, the only keywords kept. */
  keep?: ReadonlySet<string>;
  /** How a description is written (default: `prose`). */
  describe?: (description: string) => string;
}

/** `schema` with its component references inlined; refuses a recursive schema, which cannot be. */
export function selfContained(
  contract: Contract,
  schema: SchemaObject | ReferenceObject,
  options: InlineOptions = {},
): JsonSchema {
  const { omit, keep, describe = prose } = options;
  const dropped = (keyword: string) => omit?.has(keyword) || (keep !== undefined && !keep.has(keyword));
  const walk = (node: unknown, inside: readonly string[]): JsonSchema => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      throw new Error(`Not a schema: ${JSON.stringify(node)}`);
    }
    const { $ref, ...keywords } = node as Record<string, unknown>;
    const own: JsonSchema = {};
    for (const [keyword, value] of Object.entries(keywords)) {
      // Extensions (`x-source`: where a fact comes from) are for the contract's reviewers, not an agent.
      if (dropped(keyword) || keyword.startsWith('x-')) continue;
      if (keyword === 'propertyNames' && typeof value === 'object') own[keyword] = propertyNames(walk(value, inside));
      else if (SCHEMA_KEYWORDS.has(keyword) && typeof value === 'object') own[keyword] = unnamed(walk(value, inside));
      else if (SCHEMA_LIST_KEYWORDS.has(keyword)) own[keyword] = (value as unknown[]).map((item) => walk(item, inside));
      else if (SCHEMA_MAP_KEYWORDS.has(keyword)) {
        own[keyword] = Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([name, item]) => [name, walk(item, inside)]),
        );
      } else if (keyword === 'description' && typeof value === 'string') own[keyword] = describe(value);
      else own[keyword] = value;
    }
    if (typeof $ref !== 'string') return typeList(withoutRestatedBounds(own));
    const name = $ref.startsWith('#/components/schemas/') ? $ref.slice('#/components/schemas/'.length) : undefined;
    if (!name) throw new Error(`Cannot inline ${$ref}: only component schemas are`);
    if (inside.includes(name)) throw new Error(`Schema ${[...inside, name].join(' → ')} is recursive`);
    const target = walk(contract.schema(name), [...inside, name]);
    // Annotations beside a `$ref` describe this use of it and win; anything else must hold as well.
    return Object.keys(own).every((keyword) => ANNOTATIONS.has(keyword))
      ? { ...target, ...own }
      : { allOf: [target], ...own };
  };
  return walk(schema, []);
}

/**
 * A schema that is not a property (an array's items, a map's keys or values) without its description:
 * the property holding it describes it ("Custom key-value pairs … keys at most 64 characters"), and
 * "A metadata key." under it tells an agent nothing more.
 */
function unnamed(schema: JsonSchema): JsonSchema {
  const { description: _, ...rest } = schema;
  return rest;
}

/** A schema of property names without its `type: string`: JSON's names are strings, whatever it says. */
function propertyNames(schema: JsonSchema): JsonSchema {
  const { type: _, ...rest } = unnamed(schema);
  return rest;
}

/** An enum's or a const's length bound only restates its values (the contract's lint asks for it on every string). */
function withoutRestatedBounds(schema: JsonSchema): JsonSchema {
  if (!('enum' in schema || 'const' in schema)) return schema;
  const { maxLength: _max, minLength: _min, ...rest } = schema;
  return rest;
}

/** `anyOf: [{ type: 'string' }, { type: 'null' }]` as the same thing said shorter: `type: ['string', 'null']`. */
function typeList(schema: JsonSchema): JsonSchema {
  const { anyOf, ...rest } = schema;
  const bare = Array.isArray(anyOf) && anyOf.every((branch) => isBareType(branch as JsonSchema));
  if (!bare || 'type' in rest) return schema;
  return { type: (anyOf as JsonSchema[]).map((branch) => branch.type), ...rest };
}

function isBareType(schema: JsonSchema): boolean {
  const keys = Object.keys(schema);
  return keys.length === 1 && keys[0] === 'type' && typeof schema.type === 'string';
}
