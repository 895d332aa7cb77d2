/**
 * A JSON Schema 2020-12 validator (ajv) that understands the contract: the
 * whole document is registered, so any schema of it, `$ref`s included, can be
 * compiled. Every package that validates against the contract goes through here.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { type Contract, describeContract } from './contract.js';
import type { OpenApiDocument, ReferenceObject, SchemaObject } from './document.js';

// ajv-formats is CommonJS with a default export; NodeNext sees the namespace.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;

/** The base URI under which the document is registered with ajv. */
export const SPEC_ID = 'https://freddy.local/openapi.json';

export type SpecAjv = Ajv2020;
export type { ErrorObject, ValidateFunction };

export function createSpecAjv(doc: OpenApiDocument, options: { coerceTypes?: boolean } = {}): SpecAjv {
  const ajv = new Ajv2020({
    allErrors: false,
    strict: true,
    coerceTypes: options.coerceTypes ?? false,
    useDefaults: false,
  });
  addFormats(ajv);
  // OpenAPI keywords that may sit beside JSON Schema ones in a document, and
  // `x-source` (where a fact comes from, for reviewers), which annotates only.
  ajv.addKeyword({ keyword: 'example' });
  ajv.addKeyword({ keyword: 'x-source' });
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
export function compileSchema(ajv: SpecAjv, schema: SchemaObject | ReferenceObject): ValidateFunction {
  return ajv.compile(rebaseRefs(schema) as object);
}

function rebaseRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebaseRefs);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
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

export interface ResponseCheck {
  valid: boolean;
  /** Why the body or a header is not valid, or that the status is not documented. */
  errors: string;
}

/** Response headers as fetch gives them, or a plain record as node's `http` does (names in lower case). */
export type ResponseHeaders = Headers | Record<string, string | string[] | number | undefined>;

interface CompiledResponse {
  body: ValidateFunction | undefined;
  headers: { name: string; required: boolean; numeric: boolean; validate: ValidateFunction }[];
}

/**
 * Checks a response against the contract: the status must be documented for
 * the operation, and the JSON body must match that response's schema. Given
 * the headers too, every header the response documents as `required` must be
 * there and every documented one that is there must match its schema
 * (integers as their decimal text). Validators are compiled once per
 * operation and status.
 */
export function createResponseValidator(contract: Contract = describeContract(), ajv?: SpecAjv) {
  const specAjv = ajv ?? createSpecAjv(contract.document);
  const cache = new Map<string, CompiledResponse | null>();
  const compiled = (operationId: string, status: number) => {
    const key = `${operationId} ${status}`;
    if (!cache.has(key)) {
      const response = contract.operation(operationId).responses.find((candidate) => candidate.status === status);
      cache.set(
        key,
        response
          ? {
              body: response.schema ? compileSchema(specAjv, response.schema) : undefined,
              headers: response.headers.map((header) => ({
                name: header.name,
                required: header.required,
                numeric: header.schema.type === 'integer' || header.schema.type === 'number',
                validate: compileSchema(specAjv, header.schema),
              })),
            }
          : null,
      );
    }
    return cache.get(key);
  };
  return function checkResponse(
    operationId: string,
    status: number,
    body: unknown,
    headers?: ResponseHeaders,
  ): ResponseCheck {
    const response = compiled(operationId, status);
    if (!response?.body) return { valid: false, errors: `${status} is not a documented response of ${operationId}` };
    const problems: string[] = [];
    if (!response.body(body)) problems.push(formatErrors(response.body.errors));
    for (const header of headers ? response.headers : []) {
      const text = headerValue(headers!, header.name);
      if (text === undefined) {
        if (header.required) problems.push(`header ${header.name} is required`);
        continue;
      }
      const value = header.numeric && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
      if (!header.validate(value)) problems.push(`header ${header.name} ${formatErrors(header.validate.errors)}`);
    }
    return { valid: problems.length === 0, errors: problems.join('; ') };
  };
}

function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}
