/**
 * The contract as one typed, resolved model, built once from the bundle.
 * Every package reads the API through it: the operation table of the types,
 * the reference server's router and validators, the docs' request shapes and
 * the tests. Nothing here restates a fact of the document; it only reads it.
 */
import {
  componentName,
  extension,
  loadSpec,
  type OpenAPIV3_1,
  type OpenApiDocument,
  type ReferenceObject,
  resolveRef,
  type SchemaObject,
} from './document.js';
import { type PathTemplate, parsePathTemplate } from './path-template.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = Uppercase<(typeof HTTP_METHODS)[number]>;
/** The methods RFC 9110 (section 9.2.2) defines as idempotent. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['get', 'head', 'put', 'delete', 'options', 'trace']);

/** Which environment a server entry serves (`x-environment`). */
export type ServerEnvironment = 'production' | 'reference';

export interface ServerEntry {
  url: string;
  description: string;
  environment: ServerEnvironment;
  /** The URL's path without a trailing slash, e.g. `/v1`. */
  basePath: string;
}

/** Where a security scheme reads its credential from. */
export type CredentialScheme =
  | { name: string; kind: 'apiKey'; header: string }
  | { name: string; kind: 'bearer'; header: 'Authorization' };

export interface NamedExample {
  name: string;
  summary?: string;
  value: unknown;
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ContractParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description: string;
  schema: SchemaObject;
  /** The schema's `default`, when it states one. */
  default?: unknown;
  /** The first example the parameter or its schema gives. */
  example?: unknown;
}

export interface ContractRequestBody {
  required: boolean;
  /** The `application/json` schema, resolved at its top; nested `$ref`s point into the document. */
  schema: SchemaObject;
  examples: NamedExample[];
  /** Top-level property defaults (e.g. `visibleInUi: true` on create). */
  defaults: Record<string, unknown>;
}

export interface ContractHeader {
  name: string;
  required: boolean;
  description: string;
  schema: SchemaObject;
}

export interface ContractResponse {
  status: number;
  description: string;
  headers: ContractHeader[];
  /** The `application/json` schema, resolved at its top, when the response has a body. */
  schema?: SchemaObject;
  /** The component schema the body is, e.g. `ErrorResponse`. */
  schemaName?: string;
  examples: NamedExample[];
}

/**
 * A step from a request part into its schema: a property (a parameter's name first, for a
 * parameter), the items of an array, or the values of a map (`additionalProperties`).
 */
export type LimitStep = { property: string } | 'items' | 'values';

/**
 * One bound a request schema states, e.g. `{ in: 'body', path: [{ property: 'title' }], where: 'body.title',
 * keyword: 'maxLength', value: 200 }`.
 */
export interface SchemaLimit {
  /** The part of the request the bound is in. */
  in: 'body' | 'path' | 'query' | 'header';
  /** From that part to the bounded value: `[{ property: 'messages' }, 'items', { property: 'content' }]`. */
  path: LimitStep[];
  /** The same place as text for people and messages: `body.messages[].content`, `body.metadata.*`, `query.limit`. */
  where: string;
  keyword: LimitKeyword;
  value: number;
}

const LIMIT_KEYWORDS = [
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
] as const;
export type LimitKeyword = (typeof LIMIT_KEYWORDS)[number];

export interface ContractOperation {
  id: string;
  method: HttpMethod;
  /** The path template, e.g. `/threads/{thread_id}`. */
  path: string;
  template: PathTemplate;
  summary: string;
  /** The operation's description, as written (Markdown). */
  description: string;
  tag: string;
  deprecated: boolean;
  /** Operation, then path item, then document servers, in document order. */
  servers: ServerEntry[];
  /** The first production server: where the operation lives. */
  server: ServerEntry;
  /** Any one of these may carry the credential (the `security` alternatives, in order). */
  security: CredentialScheme[];
  /** The component schema every 4xx/5xx body of the operation uses. */
  errorSchema: string;
  /** Path-item and operation parameters merged; the operation's win on the same name and location. */
  parameters: Record<ParameterLocation, ContractParameter[]>;
  requestBody?: ContractRequestBody;
  /** By status, in document order. */
  responses: ContractResponse[];
  /**
   * The one 2xx response: what a call resolves with. The client treats every 2xx as the
   * operation's answer, so the contract refuses an operation with none or with two.
   */
  success: ContractResponse;
  /** The bounds the request's parameters and body schemas state. */
  limits: SchemaLimit[];
  /**
   * Whether sending the same request again has no further effect: by its
   * method where HTTP says so (GET, HEAD, PUT, DELETE, OPTIONS, TRACE), else
   * only where the operation states `x-idempotent: true`.
   */
  idempotent: boolean;
  /**
   * Where the client puts it: `client.<resource>.<method>(…)`. The resource is the tag (else the path's
   * first segment) in camelCase; the method is the operationId without the resource's noun
   * (`updateThreadMetadata` in `Threads` is `threads.updateMetadata`), unless `x-client-method` names it.
   */
  client: ClientMethod;
}

export interface ClientMethod {
  resource: string;
  method: string;
}

export interface ContractLimits {
  /** `x-request-body-max-bytes`: larger request bodies answer 413. */
  requestBodyMaxBytes: number;
  /** `x-request-body-max-depth`: bodies whose arrays and objects nest deeper answer 400. */
  requestBodyMaxDepth: number;
  /** `x-rate-limit`: requests per key and window before 429. */
  rateLimit: { limit: number; windowSeconds: number };
}

export interface Contract {
  document: OpenApiDocument;
  title: string;
  version: string;
  servers: ServerEntry[];
  /** The document's `reference` server: where the reference server listens. */
  referenceServer: ServerEntry;
  securitySchemes: CredentialScheme[];
  limits: ContractLimits;
  operations: readonly ContractOperation[];
  /** The operation with this id; throws when the contract has none. */
  operation(id: string): ContractOperation;
  /** A component schema by name; throws when the contract has none. */
  schema(name: string): SchemaObject;
  /** Follows a local `$ref` of this document. */
  resolve<T extends object>(node: T | ReferenceObject): T;
}

const described = new WeakMap<OpenApiDocument, Contract>();

/** The contract of `doc` (the bundle by default), built once per document object. */
export function describeContract(doc: OpenApiDocument = defaultDocument()): Contract {
  let contract = described.get(doc);
  if (!contract) {
    contract = buildContract(doc);
    described.set(doc, contract);
  }
  return contract;
}

let bundled: OpenApiDocument | undefined;
function defaultDocument(): OpenApiDocument {
  bundled ??= loadSpec();
  return bundled;
}

function buildContract(doc: OpenApiDocument): Contract {
  const resolve = <T extends object>(node: T | ReferenceObject): T => resolveRef(doc, node);
  const servers = (doc.servers ?? []).map((server) => serverEntry(server, 'document'));
  const referenceServer = servers.find((server) => server.environment === 'reference');
  if (!referenceServer) throw new Error('The contract names no server with x-environment: reference');

  const schemes = new Map<string, CredentialScheme>();
  for (const [name, node] of Object.entries(doc.components?.securitySchemes ?? {})) {
    schemes.set(name, credentialScheme(name, resolve(node)));
  }

  const operations: ContractOperation[] = [];
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    if (!pathItem) continue;
    const template = parsePathTemplate(path);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      operations.push(describeOperation(doc, { path, template, method, pathItem, operation, servers, schemes }));
    }
  }
  const byId = new Map(operations.map((operation) => [operation.id, operation]));
  if (byId.size !== operations.length) throw new Error('Two operations share an operationId');
  refuseSharedClientMethods(operations);

  return {
    document: doc,
    title: doc.info.title,
    version: doc.info.version,
    servers,
    referenceServer,
    securitySchemes: [...schemes.values()],
    limits: contractLimits(doc),
    operations,
    operation(id) {
      const found = byId.get(id);
      if (!found) throw new Error(`No operation ${id} in the contract`);
      return found;
    },
    schema(name) {
      const found = doc.components?.schemas?.[name];
      if (!found) throw new Error(`No schema ${name} in the contract`);
      return resolve(found);
    },
    resolve,
  };
}

interface OperationSource {
  path: string;
  template: PathTemplate;
  method: (typeof HTTP_METHODS)[number];
  pathItem: OpenAPIV3_1.PathItemObject;
  operation: OpenAPIV3_1.OperationObject;
  servers: ServerEntry[];
  schemes: Map<string, CredentialScheme>;
}

function describeOperation(doc: OpenApiDocument, source: OperationSource): ContractOperation {
  const { path, template, method, pathItem, operation } = source;
  const id = operation.operationId;
  if (!id) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
  const where = `${id} (${method.toUpperCase()} ${path})`;

  const ownServers = operation.servers ?? pathItem.servers;
  const servers = ownServers ? ownServers.map((server) => serverEntry(server, where)) : source.servers;
  const server = servers.find((entry) => entry.environment === 'production') ?? servers[0];
  if (!server) throw new Error(`${where} has no server`);

  const security = (operation.security ?? doc.security ?? []).flatMap((requirement) =>
    Object.keys(requirement).map((name) => {
      const scheme = source.schemes.get(name);
      if (!scheme) throw new Error(`${where} names an undefined security scheme ${name}`);
      return scheme;
    }),
  );

  const parameters = mergedParameters(doc, pathItem.parameters, operation.parameters);
  for (const name of template.names) {
    if (!parameters.path.some((parameter) => parameter.name === name)) {
      throw new Error(`${where}: path parameter ${name} is not declared`);
    }
  }

  const requestBody = operation.requestBody ? describeRequestBody(doc, operation.requestBody) : undefined;
  const responses = Object.entries(operation.responses ?? {}).map(([status, node]) =>
    describeResponse(doc, status, node, where),
  );

  const limits = [
    ...(['path', 'query', 'header'] as const).flatMap((location) =>
      parameters[location].flatMap((parameter) =>
        schemaLimits(doc, parameter.schema, location, [{ property: parameter.name }]),
      ),
    ),
    ...(requestBody ? schemaLimits(doc, requestBody.schema, 'body', []) : []),
  ];

  return {
    id,
    method: method.toUpperCase() as HttpMethod,
    path,
    template,
    summary: operation.summary ?? '',
    description: operation.description ?? '',
    tag: operation.tags?.[0] ?? 'default',
    deprecated: operation.deprecated === true,
    servers,
    server,
    security,
    errorSchema: errorSchemaOf(responses, where),
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    success: successOf(responses, where),
    limits,
    idempotent: idempotency(operation, method, where),
    client: clientMethod(id, operation, path, where),
  };
}

/** A name a client method or resource can take: a plain camelCase identifier. */
const CLIENT_NAME = /^[a-z][A-Za-z0-9]*$/;

/** `client.<resource>.<method>`: see `ContractOperation.client`. */
function clientMethod(id: string, operation: OpenAPIV3_1.OperationObject, path: string, where: string): ClientMethod {
  const noun = (operation.tags?.[0] ?? path.split('/')[1] ?? '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const resource = camelWords(noun);
  if (!CLIENT_NAME.test(resource)) throw new Error(`${where}: its tag or path gives no client resource name`);
  const stated = extension(operation, 'x-client-method');
  if (stated !== undefined) {
    if (typeof stated !== 'string' || !CLIENT_NAME.test(stated)) {
      throw new Error(`${where}: x-client-method must be a camelCase name, not ${JSON.stringify(stated)}`);
    }
    return { resource, method: stated };
  }
  // The first run of words that is the resource's noun, plural or singular (`Threads`, `Thread`), goes.
  const words = id.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
  const plural = noun.map((word) => word.toLowerCase());
  const singular = [...plural.slice(0, -1), (plural.at(-1) ?? '').replace(/s$/, '')];
  const at = (run: string[]) => words.findIndex((_, i) => run.every((word, j) => words[i + j] === word));
  const [start, length] = at(plural) >= 0 ? [at(plural), plural.length] : [at(singular), singular.length];
  const method = start >= 0 ? camelWords(words.toSpliced(start, length)) : id;
  if (!CLIENT_NAME.test(method)) {
    throw new Error(
      `${where}: the client method named by rule would be ${JSON.stringify(method)}; state x-client-method`,
    );
  }
  return { resource, method };
}

/** `['Thread', 'messages']` → `threadMessages`. */
function camelWords(words: string[]): string {
  return words
    .map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase()) + word.slice(1))
    .join('');
}

function refuseSharedClientMethods(operations: ContractOperation[]): void {
  const seen = new Map<string, string>();
  for (const { id, client } of operations) {
    const name = `client.${client.resource}.${client.method}`;
    const other = seen.get(name);
    if (other) throw new Error(`${other} and ${id} would both be ${name}; give one an x-client-method`);
    seen.set(name, id);
  }
}

/** An operation's idempotency: its method's, or `x-idempotent: true` on one HTTP does not make idempotent. */
function idempotency(operation: OpenAPIV3_1.OperationObject, method: string, where: string): boolean {
  const stated = extension(operation, 'x-idempotent');
  if (stated === undefined) return IDEMPOTENT_METHODS.has(method);
  // `false` is never needed (a method's idempotency cannot be taken back), so only `true` is a statement.
  if (stated !== true) throw new Error(`${where}: x-idempotent can only be true, not ${JSON.stringify(stated)}`);
  return true;
}

function serverEntry(server: OpenAPIV3_1.ServerObject, where: string): ServerEntry {
  const environment = extension(server, 'x-environment');
  if (environment !== 'production' && environment !== 'reference') {
    throw new Error(`${where}: server ${server.url} needs x-environment: production or reference`);
  }
  if (server.url.includes('{')) throw new Error(`${where}: server variables are not supported (${server.url})`);
  return {
    url: server.url,
    description: server.description ?? '',
    environment,
    basePath: new URL(server.url).pathname.replace(/\/$/, ''),
  };
}

function credentialScheme(name: string, scheme: OpenAPIV3_1.SecuritySchemeObject): CredentialScheme {
  if (scheme.type === 'apiKey' && scheme.in === 'header') return { name, kind: 'apiKey', header: scheme.name };
  if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') {
    return { name, kind: 'bearer', header: 'Authorization' };
  }
  throw new Error(`Security scheme ${name} is neither an API key header nor a bearer token`);
}

function mergedParameters(
  doc: OpenApiDocument,
  fromPathItem: (ReferenceObject | OpenAPIV3_1.ParameterObject)[] = [],
  fromOperation: (ReferenceObject | OpenAPIV3_1.ParameterObject)[] = [],
): Record<ParameterLocation, ContractParameter[]> {
  const merged = new Map<string, ContractParameter>();
  for (const node of [...fromPathItem, ...fromOperation]) {
    const parameter = describeParameter(doc, resolveRef(doc, node));
    merged.set(`${parameter.in} ${parameter.name}`, parameter);
  }
  const out: Record<ParameterLocation, ContractParameter[]> = { path: [], query: [], header: [], cookie: [] };
  for (const parameter of merged.values()) out[parameter.in].push(parameter);
  return out;
}

function describeParameter(doc: OpenApiDocument, parameter: OpenAPIV3_1.ParameterObject): ContractParameter {
  if (!parameter.schema) throw new Error(`Parameter ${parameter.name} has no schema`);
  // openapi-types gives parameters the 3.0 schema type; the document is 3.1 throughout.
  const schema = resolveRef(doc, parameter.schema as SchemaObject | ReferenceObject);
  const example =
    parameter.example ??
    firstExample(doc, parameter.examples)?.value ??
    schema.examples?.[0] ??
    (schema as { example?: unknown }).example;
  return {
    name: parameter.name,
    in: parameter.in as ParameterLocation,
    required: parameter.required === true,
    description: parameter.description ?? '',
    schema,
    ...('default' in schema ? { default: schema.default } : {}),
    ...(example === undefined ? {} : { example }),
  };
}

function describeRequestBody(
  doc: OpenApiDocument,
  node: ReferenceObject | OpenAPIV3_1.RequestBodyObject,
): ContractRequestBody | undefined {
  const body = resolveRef(doc, node);
  const media = body.content['application/json'];
  if (!media?.schema) return undefined;
  const schema = resolveRef(doc, media.schema);
  const defaults: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const resolved = resolveRef(doc, property);
    if ('default' in resolved) defaults[name] = resolved.default;
  }
  return { required: body.required === true, schema, examples: namedExamples(doc, media), defaults };
}

function describeResponse(
  doc: OpenApiDocument,
  status: string,
  node: ReferenceObject | OpenAPIV3_1.ResponseObject,
  where: string,
): ContractResponse {
  const code = Number(status);
  if (!Number.isInteger(code)) throw new Error(`${where}: response ${status} is not a single status code`);
  const response = resolveRef(doc, node);
  const media = response.content?.['application/json'];
  const headers = Object.entries(response.headers ?? {}).map(([name, header]) => {
    const resolved = resolveRef(doc, header);
    if (!resolved.schema) throw new Error(`${where}: header ${name} has no schema`);
    return {
      name,
      required: resolved.required === true,
      description: resolved.description ?? '',
      schema: resolveRef(doc, resolved.schema as SchemaObject | ReferenceObject),
    };
  });
  const schemaName = componentName(media?.schema, 'schemas');
  return {
    status: code,
    description: response.description,
    headers,
    ...(media?.schema ? { schema: resolveRef(doc, media.schema) } : {}),
    ...(schemaName ? { schemaName } : {}),
    examples: media ? namedExamples(doc, media) : [],
  };
}

function successOf(responses: ContractResponse[], where: string): ContractResponse {
  const success = responses.filter((response) => response.status >= 200 && response.status < 300);
  if (success.length !== 1) {
    throw new Error(
      `${where} must document exactly one 2xx response (the answer a call resolves with), not ${success.length}`,
    );
  }
  return success[0]!;
}

function errorSchemaOf(responses: ContractResponse[], where: string): string {
  const names = new Set(responses.filter((response) => response.status >= 400).map((response) => response.schemaName));
  const [name] = names;
  if (names.size !== 1 || !name) throw new Error(`${where}: every error response must use one component schema`);
  return name;
}

function namedExamples(doc: OpenApiDocument, media: OpenAPIV3_1.MediaTypeObject): NamedExample[] {
  if (media.examples) {
    return Object.entries(media.examples).map(([name, node]) => {
      const example = resolveRef(doc, node);
      return { name, ...(example.summary ? { summary: example.summary } : {}), value: example.value };
    });
  }
  return media.example === undefined ? [] : [{ name: 'example', value: media.example }];
}

function firstExample(
  doc: OpenApiDocument,
  examples: Record<string, ReferenceObject | OpenAPIV3_1.ExampleObject> | undefined,
): OpenAPIV3_1.ExampleObject | undefined {
  const first = examples ? Object.values(examples)[0] : undefined;
  return first ? resolveRef(doc, first) : undefined;
}

/** Every bound a schema states, walking properties, items and compositions. */
function schemaLimits(
  doc: OpenApiDocument,
  root: SchemaObject | ReferenceObject,
  part: SchemaLimit['in'],
  start: LimitStep[],
): SchemaLimit[] {
  const out: SchemaLimit[] = [];
  const visiting = new Set<object>();
  const walk = (node: SchemaObject | ReferenceObject, path: LimitStep[]) => {
    const schema = resolveRef(doc, node);
    if (visiting.has(schema)) return;
    visiting.add(schema);
    for (const keyword of LIMIT_KEYWORDS) {
      const value = schema[keyword];
      if (typeof value === 'number') out.push({ in: part, path, where: limitPlace(part, path), keyword, value });
    }
    for (const [name, property] of Object.entries(schema.properties ?? {}))
      walk(property, [...path, { property: name }]);
    if ('items' in schema && schema.items) walk(schema.items, [...path, 'items']);
    if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, [...path, 'values']);
    for (const branch of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
      walk(branch, path);
    }
    visiting.delete(schema);
  };
  walk(root, start);
  return out;
}

/** `body.messages[].content`: a limit's place as people read it. */
function limitPlace(part: SchemaLimit['in'], path: LimitStep[]): string {
  return path.reduce<string>(
    (text, step) => (step === 'items' ? `${text}[]` : step === 'values' ? `${text}.*` : `${text}.${step.property}`),
    part,
  );
}

function contractLimits(doc: OpenApiDocument): ContractLimits {
  const bodyMax = extension(doc, 'x-request-body-max-bytes');
  if (!isPositiveInteger(bodyMax)) {
    throw new Error('The contract must state x-request-body-max-bytes as a positive integer');
  }
  const depthMax = extension(doc, 'x-request-body-max-depth');
  if (!isPositiveInteger(depthMax)) {
    throw new Error('The contract must state x-request-body-max-depth as a positive integer');
  }
  const rate = extension(doc, 'x-rate-limit') as { limit?: unknown; windowSeconds?: unknown } | undefined;
  if (!isPositiveInteger(rate?.limit) || !isPositiveInteger(rate?.windowSeconds)) {
    throw new Error('The contract must state x-rate-limit with positive integers limit and windowSeconds');
  }
  return {
    requestBodyMaxBytes: bodyMax,
    requestBodyMaxDepth: depthMax,
    rateLimit: { limit: rate.limit, windowSeconds: rate.windowSeconds },
  };
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0;
}
