/**
 * The bundled OpenAPI document, typed with openapi-types' OpenAPI 3.1 model,
 * and the one way to follow its local `$ref`s.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3_1 } from 'openapi-types';

export type { OpenAPIV3_1 };
export type OpenApiDocument = OpenAPIV3_1.Document;
export type SchemaObject = OpenAPIV3_1.SchemaObject;
export type ReferenceObject = OpenAPIV3_1.ReferenceObject;

/** Absolute path of the bundled JSON document (`spec/dist/openapi.json`). */
export const bundledSpecPath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));

export function loadSpec(path: string = bundledSpecPath): OpenApiDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

export function isReference(node: unknown): node is ReferenceObject {
  return typeof node === 'object' && node !== null && typeof (node as { $ref?: unknown }).$ref === 'string';
}

/** Follows a local `#/…` reference, once or repeatedly, to the object it names. */
export function resolveRef<T extends object>(doc: OpenApiDocument, node: T | ReferenceObject): T {
  let current: unknown = node;
  const seen = new Set<string>();
  while (isReference(current)) {
    const ref = current.$ref;
    if (seen.has(ref) || !ref.startsWith('#/')) throw new Error(`Cannot resolve reference ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc);
    if (current === undefined) throw new Error(`Dangling reference ${ref}`);
  }
  return current as T;
}

/** The name a `#/components/<kind>/<name>` reference points at, if it is one. */
export function componentName(node: unknown, kind: string): string | undefined {
  if (!isReference(node)) return undefined;
  const prefix = `#/components/${kind}/`;
  return node.$ref.startsWith(prefix) ? node.$ref.slice(prefix.length) : undefined;
}

/** A vendor extension (`x-…`) of any object of the document; extensions are outside the typed model. */
export function extension(node: object, name: `x-${string}`): unknown {
  return (node as Record<string, unknown>)[name];
}
