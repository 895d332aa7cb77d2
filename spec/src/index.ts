/**
 * The bundled Threads API contract and a JSON Schema 2020-12 validator that
 * understands it. Every package that validates against the contract (the
 * reference server, the tests of the client and the docs) goes through here,
 * so the spec stays the only place a type or a limit is written.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS with a default export; NodeNext sees the namespace.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;

/** Absolute path of the bundled JSON document (`spec/dist/openapi.json`). */
export const bundledSpecPath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));

/** The base URI under which the document is registered with ajv. */
export const SPEC_ID = 'https://freddy.local/openapi.json';

// A deliberately loose view of the document: enough to walk it safely.
export type JsonObject = { [key: string]: unknown };
export type OpenApiDocument = JsonObject & {
  paths: Record<string, JsonObject>;
  components: Record<string, Record<string, JsonObject>>;
};

export function loadSpec(path: string = bundledSpecPath): OpenApiDocument {
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationEntry {
  operationId: string;
  method: (typeof HTTP_METHODS)[number];
  path: string;
  pathItem: JsonObject;
  operation: JsonObject;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, pathItem] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as JsonObject | undefined;
      if (operation) out.push({ operationId: String(operation.operationId), method, path, pathItem, operation });
    }
  }
  return out;
}

/** Follows a local `#/components/...` reference, once or repeatedly. */
export function resolveRef<T = JsonObject>(doc: OpenApiDocument, node: unknown): T {
  let current = node as JsonObject;
  const seen = new Set<string>();
  while (current && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref) || !ref.startsWith('#/')) throw new Error(`Cannot resolve reference ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((value, key) => (value as JsonObject)?.[key], doc) as JsonObject;
    if (current === undefined) throw new Error(`Dangling reference ${ref}`);
  }
  return current as T;
}

export type SpecAjv = Ajv2020;

/**
 * An ajv instance (JSON Schema 2020-12, formats on) with the whole document
 * registered, so any schema of it, `$ref`s included, can be compiled.
 */
export function createSpecAjv(doc: OpenApiDocument, options: { coerceTypes?: boolean } = {}): SpecAjv {
  const ajv = new Ajv2020({
    allErrors: false,
    strict: true,
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: false,
  });
  addFormats(ajv);
  // OpenAPI keywords that may sit beside JSON Schema ones in a document.
  ajv.addKeyword({ keyword: 'example' });
  // The document is registered whole, so its top-level fields (`openapi`,
  // `paths`, `x-…` extensions) must be known words to strict mode.
  for (const keyword of Object.keys(doc)) if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword });
  ajv.addSchema({ ...doc, $id: SPEC_ID });
  return ajv;
}

/** Compiles the schema found at a JSON pointer of the document (e.g. `#/components/schemas/Thread`). */
export function compileAt(ajv: SpecAjv, pointer: string): ValidateFunction {
  return ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
}

/** Compiles a schema object taken from the document (its `$ref`s point into the document). */
export function compileSchema(ajv: SpecAjv, schema: JsonObject): ValidateFunction {
  return ajv.compile(rebaseRefs(schema) as JsonObject);
}

function rebaseRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebaseRefs);
  if (node && typeof node === 'object') {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] =
        key === '$ref' && typeof value === 'string' && value.startsWith('#/')
          ? `${SPEC_ID}${value}`
          : rebaseRefs(value);
    }
    return out;
  }
  return node;
}

/** One line per ajv error: where, and what was wrong. */
export function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`).join('; ');
}

export type { ErrorObject, ValidateFunction };

export interface ResponseCheck {
  valid: boolean;
  /** Why the body is not valid, or that the status is not documented. */
  errors: string;
}

/**
 * Checks a response against the contract: the status must be documented for
 * the operation, and the JSON body must match that response's schema.
 * Validators are compiled once per operation and status.
 */
export function createResponseValidator(doc: OpenApiDocument, ajv: SpecAjv = createSpecAjv(doc)) {
  const operations = new Map(listOperations(doc).map((entry) => [entry.operationId, entry]));
  const cache = new Map<string, ValidateFunction | null>();
  return function checkResponse(operationId: string, status: number, body: unknown): ResponseCheck {
    const key = `${operationId} ${status}`;
    if (!cache.has(key)) {
      const entry = operations.get(operationId);
      if (!entry) throw new Error(`No operation ${operationId} in the contract`);
      const responses = (entry.operation.responses ?? {}) as Record<string, unknown>;
      const documented = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
      const schema = documented
        ? ((resolveRef<JsonObject>(doc, documented).content as Record<string, JsonObject> | undefined)?.[
            'application/json'
          ]?.schema as JsonObject | undefined)
        : undefined;
      cache.set(key, schema ? compileSchema(ajv, schema) : null);
    }
    const validate = cache.get(key);
    if (!validate) return { valid: false, errors: `${status} is not a documented response of ${operationId}` };
    const valid = validate(body) as boolean;
    return { valid, errors: valid ? '' : formatErrors(validate.errors) };
  };
}
