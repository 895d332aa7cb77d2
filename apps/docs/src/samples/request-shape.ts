/**
 * What a code sample needs to know about one operation, read from the bundled
 * contract: where it lives, how it authenticates, and the example it sends.
 * Every generator works from this shape only, so a sample cannot say anything
 * the contract does not.
 */
import { type JsonObject, type OpenApiDocument, type OperationEntry, resolveRef } from '@freddy/spec';

export type AuthHeader = { header: 'X-API-Key'; scheme?: undefined } | { header: 'Authorization'; scheme: 'Bearer' };

export interface PathParam {
  name: string;
  value: string;
}

export interface RequestShape {
  operationId: string;
  /** Upper case, as written on the wire. */
  method: string;
  /** Base URL without a trailing slash, e.g. `https://api.aitronos.com/v1`. */
  baseUrl: string;
  /** The path template, e.g. `/threads/{thread_id}/pin`. */
  path: string;
  pathParams: PathParam[];
  auth: AuthHeader;
  /** The operation's first request example, when it takes a JSON body. */
  body?: unknown;
  /** The tag the operation belongs to, e.g. `Threads`: the client's resource. */
  tag: string;
}

/** Values that replace what the contract would put in a sample (tests point samples at a live server). */
export interface SampleOverrides {
  baseUrl?: string;
  pathValues?: Record<string, string>;
}

export function requestShape(
  doc: OpenApiDocument,
  entry: OperationEntry,
  overrides: SampleOverrides = {},
): RequestShape {
  const { operation, pathItem } = entry;
  const servers = (operation.servers ?? pathItem.servers ?? doc.servers ?? []) as { url: string }[];
  const server = servers[0]?.url;
  if (!server) throw new Error(`${entry.operationId} has no server`);
  const pathParams = pathParameters(doc, entry).map((param) => ({
    name: param.name,
    value: overrides.pathValues?.[param.name] ?? param.value,
  }));
  const body = requestExample(doc, operation);
  return {
    operationId: entry.operationId,
    method: entry.method.toUpperCase(),
    baseUrl: (overrides.baseUrl ?? server).replace(/\/+$/, ''),
    path: entry.path,
    pathParams,
    auth: authHeader(doc, operation),
    ...(body === undefined ? {} : { body }),
    tag: String((operation.tags as string[] | undefined)?.[0] ?? 'default'),
  };
}

/** The URL with every path parameter filled in. */
export function concreteUrl(shape: RequestShape): string {
  let path = shape.path;
  for (const param of shape.pathParams) path = path.replace(`{${param.name}}`, encodeURIComponent(param.value));
  return `${shape.baseUrl}${path}`;
}

/**
 * The first security requirement decides the header, as the vendor pages do:
 * pin and unpin list `ApiKeyAuth` first and show `X-API-Key`; the Freddy
 * operations list only `BearerAuth`.
 */
function authHeader(doc: OpenApiDocument, operation: JsonObject): AuthHeader {
  const requirements = (operation.security ?? doc.security ?? []) as Record<string, string[]>[];
  const name = Object.keys(requirements[0] ?? {})[0];
  if (!name) throw new Error(`${String(operation.operationId)} declares no security`);
  const scheme = resolveRef<JsonObject>(doc, doc.components.securitySchemes?.[name]);
  if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name === 'X-API-Key') return { header: 'X-API-Key' };
  if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer')
    return { header: 'Authorization', scheme: 'Bearer' };
  throw new Error(`Security scheme ${name} has no sample generator`);
}

function requestExample(doc: OpenApiDocument, operation: JsonObject): unknown {
  if (!operation.requestBody) return undefined;
  const requestBody = resolveRef<JsonObject>(doc, operation.requestBody);
  const media = (requestBody.content as Record<string, JsonObject> | undefined)?.['application/json'];
  if (!media) return undefined;
  const examples = media.examples as Record<string, unknown> | undefined;
  const first = examples ? Object.values(examples)[0] : undefined;
  if (first !== undefined) return resolveRef<JsonObject>(doc, first).value;
  return media.example;
}

/**
 * Path parameters with the value a sample shows. The id the operation's own
 * success example answers with wins over the shared parameter example, so the
 * request and the response shown beside it name the same thread (pin and
 * unpin answer with `thrd_…`, as their vendor page does).
 */
function pathParameters(doc: OpenApiDocument, entry: OperationEntry): PathParam[] {
  const declared = [
    ...((entry.pathItem.parameters as unknown[] | undefined) ?? []),
    ...((entry.operation.parameters as unknown[] | undefined) ?? []),
  ]
    .map((param) => resolveRef<JsonObject>(doc, param))
    .filter((param) => param.in === 'path');
  const names = [...entry.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const responseId = successExampleId(doc, entry.operation);
  return names.map((name, index) => {
    const param = declared.find((candidate) => candidate.name === name);
    if (!param) throw new Error(`${entry.operationId}: path parameter ${name} is not declared`);
    const isLast = index === names.length - 1;
    const value = (isLast ? responseId : undefined) ?? parameterExample(doc, param);
    if (value === undefined) throw new Error(`${entry.operationId}: path parameter ${name} has no example`);
    return { name, value };
  });
}

function parameterExample(doc: OpenApiDocument, param: JsonObject): string | undefined {
  if (param.example !== undefined) return String(param.example);
  const examples = param.examples as Record<string, unknown> | undefined;
  const first = examples ? Object.values(examples)[0] : undefined;
  if (first !== undefined) return String(resolveRef<JsonObject>(doc, first).value);
  const schema = param.schema ? resolveRef<JsonObject>(doc, param.schema) : undefined;
  const schemaExample = (schema?.examples as unknown[] | undefined)?.[0] ?? schema?.example;
  return schemaExample === undefined ? undefined : String(schemaExample);
}

function successExampleId(doc: OpenApiDocument, operation: JsonObject): string | undefined {
  const responses = (operation.responses ?? {}) as Record<string, unknown>;
  const status = Object.keys(responses).find((code) => code.startsWith('2'));
  if (!status) return undefined;
  const response = resolveRef<JsonObject>(doc, responses[status]);
  const media = (response.content as Record<string, JsonObject> | undefined)?.['application/json'];
  const examples = media?.examples as Record<string, unknown> | undefined;
  const first = examples ? Object.values(examples)[0] : undefined;
  const value = first === undefined ? media?.example : resolveRef<JsonObject>(doc, first).value;
  const id = (value as JsonObject | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
