/**
 * A schema as a list of fields, the way a reader looks a field up: each
 * property at its path (`title`, `messages[].role`, `metadata.*` for the
 * values of a map, `error.code`), with its type, whether it is required, and
 * every bound, default and constraint the schema states. Paths are written
 * as the contract model writes a limit's `where`, so a limit can be found on
 * its field.
 */
import {
  componentName,
  isReference,
  type OpenApiDocument,
  type ReferenceObject,
  resolveRef,
  type SchemaObject,
} from '@freddy/spec';
import { code, oneLine } from './text.js';

export interface Field {
  path: string;
  type: string;
  required: boolean;
  /** What else the schema says: read-only, allowed values, default, bounds, pattern, key bounds. */
  facts: string[];
  description: string;
}

type Node = SchemaObject | ReferenceObject;

/** The bounds a schema may state, in the order they are written. */
const BOUND_KEYWORDS = [
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
] as const;

/**
 * A schema node with its `$ref` followed; keywords written beside the `$ref`
 * (OpenAPI 3.1 allows a `description` there) win over the target's.
 */
function resolved(doc: OpenApiDocument, node: Node): SchemaObject {
  if (!isReference(node)) return node;
  const { $ref: _ref, ...beside } = node as ReferenceObject & Record<string, unknown>;
  return { ...resolveRef<SchemaObject>(doc, node), ...beside } as SchemaObject;
}

/** Every field of an object schema, depth first, in the order the schema lists them. */
export function schemaFields(doc: OpenApiDocument, root: Node): Field[] {
  const fields: Field[] = [];
  const visiting = new Set<object>();
  const walk = (node: Node, prefix: string) => {
    const schema = resolved(doc, node);
    const target = isReference(node) ? resolveRef<object>(doc, node) : node;
    if (visiting.has(target)) return;
    visiting.add(target);
    const required = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const path = `${prefix}${name}`;
      fields.push(field(doc, path, property, required.has(name)));
      nested(property, path);
    }
    if (typeof schema.additionalProperties === 'object') {
      const path = `${prefix}*`;
      fields.push(field(doc, path, schema.additionalProperties, false));
      nested(schema.additionalProperties, path);
    }
    for (const branch of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
      walk(branch, prefix);
    }
    visiting.delete(target);
  };
  /** The fields inside a field: an object's properties, an array's items, a map's values. */
  const nested = (node: Node, path: string) => {
    const schema = resolved(doc, node);
    if ('items' in schema && schema.items) {
      const items = resolved(doc, schema.items);
      if (hasFields(doc, items)) walk(schema.items, `${path}[].`);
    } else if (hasFields(doc, schema)) {
      walk(node, `${path}.`);
    }
  };
  walk(root, '');
  return fields;
}

/** An object whose properties or map values are worth their own lines. */
function hasFields(doc: OpenApiDocument, schema: SchemaObject): boolean {
  if (schema.properties && Object.keys(schema.properties).length > 0) return true;
  if (typeof schema.additionalProperties === 'object') return true;
  return [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some((branch) =>
    hasFields(doc, resolved(doc, branch)),
  );
}

function field(doc: OpenApiDocument, path: string, node: Node, required: boolean): Field {
  const schema = resolved(doc, node);
  return {
    path,
    type: typeName(doc, node),
    required,
    facts: schemaFacts(doc, schema),
    description: oneLine(schema.description),
  };
}

/** `string`, `integer (int32)`, `string or null`, `array of MessageInput`, `object`. */
export function typeName(doc: OpenApiDocument, node: Node): string {
  const schema = resolved(doc, node);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return unique(branches.map((branch) => typeName(doc, branch))).join(' or ');
  if (schema.allOf) return unique(schema.allOf.map((branch) => typeName(doc, branch))).join(' and ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return 'any';
  return types
    .map((type) => {
      if (type === 'array' && 'items' in schema && schema.items) {
        return `array of ${componentName(schema.items, 'schemas') ?? typeName(doc, schema.items)}`;
      }
      return schema.format ? `${type} (${schema.format})` : type;
    })
    .join(' or ');
}

/** Everything a schema states beside its type, its own and its branches' (`title` is a string or null, bounded). */
export function schemaFacts(doc: OpenApiDocument, schema: SchemaObject): string[] {
  const facts: string[] = [];
  if (schema.readOnly) facts.push('read-only');
  if (schema.writeOnly) facts.push('write-only');
  if (schema.deprecated) facts.push('deprecated');
  if (schema.const !== undefined) facts.push(`always ${code(schema.const)}`);
  if (schema.enum) facts.push(`one of ${schema.enum.map((value) => code(value)).join(', ')}`);
  if (schema.default !== undefined) facts.push(`default ${code(schema.default)}`);
  facts.push(...bounds(schema));
  // openapi-types' 3.1 model leaves out JSON Schema's `propertyNames`.
  const { propertyNames } = schema as { propertyNames?: Node };
  if (typeof propertyNames === 'object') {
    const keys = bounds(resolved(doc, propertyNames));
    if (keys.length > 0) facts.push(`keys ${keys.join(', ')}`);
  }
  if (schema.additionalProperties === false) facts.push('no other properties');
  for (const branch of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    facts.push(...schemaFacts(doc, resolved(doc, branch)).filter((fact) => fact !== 'read-only'));
  }
  return unique(facts);
}

function bounds(schema: SchemaObject): string[] {
  const found: string[] = [];
  for (const keyword of BOUND_KEYWORDS) {
    const value = (schema as Record<string, unknown>)[keyword];
    if (value !== undefined && value !== false) found.push(code(`${keyword}: ${value}`));
  }
  return found;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
