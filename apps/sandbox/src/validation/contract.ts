/**
 * Everything the server knows about the API comes from the bundled contract:
 * routes, which credentials each operation takes, its error envelope, and the
 * validators of its path, query and body. Nothing here restates a limit.
 */
import {
  compileAt,
  compileSchema,
  createSpecAjv,
  type JsonObject,
  listOperations,
  type OpenApiDocument,
  resolveRef,
  type ValidateFunction,
} from '@freddy/spec';

export type Envelope = 'freddy' | 'platform';

/** Where a credential is read from: a named header, or `Authorization: Bearer`. */
export type CredentialSource = { kind: 'apiKeyHeader'; header: string } | { kind: 'bearer' };

export interface ParameterSet {
  names: string[];
  validate: ValidateFunction;
  /** Values the spec gives as `default`, applied before validation. */
  defaults: Record<string, unknown>;
}

export interface CompiledOperation {
  operationId: string;
  method: string;
  /** The path template, e.g. `/threads/{thread_id}`. */
  path: string;
  envelope: Envelope;
  /** Any one of these may carry the credential (the spec's `security` alternatives). */
  credentialSources: CredentialSource[];
  statuses: Set<number>;
  pathParams: ParameterSet | null;
  query: ParameterSet | null;
  body: { required: boolean; validate: ValidateFunction; defaults: Record<string, unknown> } | null;
}

export interface Contract {
  doc: OpenApiDocument;
  /** The path of the local server entry (`/v1`). */
  basePath: string;
  operations: CompiledOperation[];
  /** Validates a whole metadata object, e.g. after a merge. */
  validateMetadata: ValidateFunction;
  /** The largest request body accepted (`x-request-body-max-bytes`); larger ones answer 413. */
  maxBodyBytes: number;
}

export function compileContract(doc: OpenApiDocument): Contract {
  const ajv = createSpecAjv(doc);
  // Query strings carry only text; the spec's types say what each value becomes.
  const queryAjv = createSpecAjv(doc, { coerceTypes: true });

  const operations = listOperations(doc).map(({ operationId, method, path, pathItem, operation }) => {
    const parameters = [...((pathItem.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])]
      .map((p) => resolveRef<JsonObject>(doc, p))
      .filter((p) => typeof p.name === 'string');
    const responses = (operation.responses ?? {}) as Record<string, unknown>;
    const requestBody = operation.requestBody ? resolveRef<JsonObject>(doc, operation.requestBody) : null;
    const bodySchema = (requestBody?.content as Record<string, JsonObject> | undefined)?.['application/json']?.schema as
      | JsonObject
      | undefined;
    const compiled: CompiledOperation = {
      operationId,
      method: method.toUpperCase(),
      path,
      envelope: envelopeOf(doc, responses),
      credentialSources: credentialSourcesOf(doc, operation),
      statuses: new Set(Object.keys(responses).map(Number)),
      pathParams: parameterSet(ajv, parameters, 'path'),
      query: parameterSet(queryAjv, parameters, 'query'),
      body: bodySchema
        ? {
            required: requestBody?.required === true,
            validate: compileSchema(ajv, bodySchema),
            defaults: defaultsOf(doc, bodySchema),
          }
        : null,
    };
    return compiled;
  });

  return {
    doc,
    basePath: localBasePath(doc),
    operations,
    validateMetadata: compileAt(ajv, '#/components/schemas/Metadata'),
    maxBodyBytes: maxBodyBytesOf(doc),
  };
}

function maxBodyBytesOf(doc: OpenApiDocument): number {
  const limit = doc['x-request-body-max-bytes'];
  if (!Number.isInteger(limit) || (limit as number) <= 0) {
    throw new Error('The contract must state x-request-body-max-bytes as a positive integer');
  }
  return limit as number;
}

function parameterSet(
  ajv: ReturnType<typeof createSpecAjv>,
  parameters: JsonObject[],
  location: 'path' | 'query',
): ParameterSet | null {
  const own = parameters.filter((p) => p.in === location);
  if (own.length === 0) return null;
  const properties: Record<string, unknown> = {};
  const defaults: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of own) {
    const name = String(p.name);
    const schema = p.schema as JsonObject;
    properties[name] = schema;
    if (p.required === true) required.push(name);
    if (schema && 'default' in schema) defaults[name] = schema.default;
  }
  return {
    names: own.map((p) => String(p.name)),
    validate: compileSchema(ajv, { type: 'object', properties, required, additionalProperties: false }),
    defaults,
  };
}

/** Top-level `default`s of a body schema (e.g. `visibleInUi: true` on create). */
function defaultsOf(doc: OpenApiDocument, schema: JsonObject): Record<string, unknown> {
  const resolved = resolveRef<JsonObject>(doc, schema);
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries((resolved.properties ?? {}) as Record<string, unknown>)) {
    const p = resolveRef<JsonObject>(doc, property);
    if ('default' in p) out[name] = p.default;
  }
  return out;
}

/** The platform envelope is the one with a top-level `success` flag. */
function envelopeOf(doc: OpenApiDocument, responses: Record<string, unknown>): Envelope {
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400) continue;
    const content = resolveRef<JsonObject>(doc, response).content as Record<string, JsonObject> | undefined;
    const schema = content?.['application/json']?.schema;
    if (!schema) continue;
    const properties = resolveRef<JsonObject>(doc, schema).properties as JsonObject | undefined;
    return properties && 'success' in properties ? 'platform' : 'freddy';
  }
  return 'freddy';
}

function credentialSourcesOf(doc: OpenApiDocument, operation: JsonObject): CredentialSource[] {
  const requirements = (operation.security ?? doc.security ?? []) as Record<string, unknown>[];
  const schemes = (doc.components.securitySchemes ?? {}) as Record<string, JsonObject>;
  const out: CredentialSource[] = [];
  for (const requirement of requirements) {
    for (const name of Object.keys(requirement)) {
      const scheme = resolveRef<JsonObject>(doc, schemes[name]);
      if (scheme.type === 'apiKey' && scheme.in === 'header') {
        out.push({ kind: 'apiKeyHeader', header: String(scheme.name).toLowerCase() });
      } else if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') {
        out.push({ kind: 'bearer' });
      } else {
        throw new Error(`Security scheme ${name} is not supported by the sandbox`);
      }
    }
  }
  return out;
}

/** The path prefix of the spec's loopback server entry (`http://127.0.0.1:4010/v1` → `/v1`). */
function localBasePath(doc: OpenApiDocument): string {
  const servers = (doc.servers ?? []) as { url: string }[];
  const local = servers.find((s) => /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(s.url)) ?? servers[0];
  if (!local) return '';
  return new URL(local.url).pathname.replace(/\/$/, '');
}
