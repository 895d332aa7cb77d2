/**
 * Where a change is, in a consumer's words: the operations it reaches and the
 * place inside each (request body, a response's body or header, a parameter).
 * Redocly reports a change once, at the first path that reaches it; a change
 * inside a shared component reaches every operation that uses it, and those
 * are found here from the typed contract.
 */
import { relative, sep } from 'node:path';
import { type Contract, type ContractOperation, HTTP_METHODS } from '../contract.js';
import type { OpenAPIV3_1, SchemaObject } from '../document.js';
import type { DiffChange } from './redocly-diff.js';

export interface ChangeSite {
  /** e.g. `response 200 body: data[].messageCount`. */
  where: string;
  /** The component the change is inside, e.g. `schemas/Thread`, when it is inside one. */
  component?: string;
  /** Spec-relative source file and line of the change, e.g. `components/schemas/Thread.yaml:76`. */
  source?: { file: string; line: number };
  /** Every operation the change reaches, in document order. */
  operations: ContractOperation[];
}

export interface Sides {
  base: { contract: Contract; specDir: string };
  revision: { contract: Contract; specDir: string };
}

export function locateChange(change: DiffChange, sides: Sides): ChangeSite {
  const source = sourceOf(change, sides);
  const component = source?.file.match(/^components\/(\w+)\/([^/]+)\.yaml$/);
  const componentRef = component ? `#/components/${component[1]}/${component[2]}` : undefined;
  const [path, method, rest] = splitOperationPath(change.path);
  const found = new Map<string, ContractOperation>();
  const contracts = change.kind === 'removed' ? [sides.base.contract] : [sides.revision.contract, sides.base.contract];
  for (const contract of contracts) {
    for (const operation of contract.operations) {
      // A change at a path item (`#/paths/~1threads`) reaches every operation of it.
      const named = operation.path === path && (method === undefined || operation.method === method);
      if (named || (componentRef && usesComponent(contract, operation, componentRef))) {
        if (!found.has(operation.id)) found.set(operation.id, operation);
      }
    }
  }
  const order = sides.revision.contract.operations.map((operation) => operation.id);
  const operations = [...found.values()].sort((a, b) => rank(order, a.id) - rank(order, b.id));
  return {
    where: describePlace(rest, change.property),
    ...(component ? { component: `${component[1]}/${component[2]}` } : {}),
    ...(source ? { source } : {}),
    operations,
  };
}

function rank(order: string[], id: string): number {
  const at = order.indexOf(id);
  return at === -1 ? order.length : at;
}

/** The spec-relative file and line the change is at: the revision's side when it has one. */
function sourceOf(change: DiffChange, sides: Sides): ChangeSite['source'] {
  const location = change.revision ?? change.verdicts[0]?.location ?? change.base;
  if (!location) return undefined;
  for (const { specDir } of [sides.revision, sides.base]) {
    const file = relative(specDir, location.file);
    if (!file.startsWith('..')) return { file: file.split(sep).join('/'), line: location.line };
  }
  return undefined;
}

/** `#/paths/~1threads/get/responses/200` → [`/threads`, `GET`, [`responses`, `200`]]. */
function splitOperationPath(pointer: string): [string | undefined, string | undefined, string[]] {
  const segments = pointer
    .replace(/^#\/?/, '')
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments[0] !== 'paths') return [undefined, undefined, segments];
  const method = segments[2];
  if (method === undefined || !HTTP_METHODS.includes(method as (typeof HTTP_METHODS)[number])) {
    return [segments[1], undefined, ['path item', ...segments.slice(2)]];
  }
  return [segments[1], method.toUpperCase(), segments.slice(3)];
}

function describePlace(rest: string[], property: string | undefined): string {
  const keyword = property ? ` (${property})` : '';
  const [first, second, third, fourth] = rest;
  if (first === undefined) return `the operation${keyword}`;
  if (first === 'path item') return `the path${keyword}`;
  if (first === 'requestBody') {
    // requestBody/content/<media type>/schema/…
    return third === undefined ? `request body${keyword}` : `request body: ${schemaPlace(rest.slice(4))}${keyword}`;
  }
  if (first === 'responses' && second !== undefined) {
    if (third === 'headers' && fourth !== undefined) return `response ${second} header ${fourth}${keyword}`;
    // responses/<status>/content/<media type>/schema/…
    if (third === 'content') return `response ${second} body: ${schemaPlace(rest.slice(5))}${keyword}`;
    return `response ${second}${keyword}`;
  }
  if (first === 'parameters') return `parameters${keyword}`;
  return `${rest.join('.')}${keyword}`;
}

/** `properties/data/items/properties/messageCount` → `data[].messageCount`. */
function schemaPlace(segments: string[]): string {
  let out = '';
  for (let at = 0; at < segments.length; at++) {
    const segment = segments[at];
    if (segment === 'properties' && segments[at + 1] !== undefined) out += `.${segments[++at]}`;
    else if (segment === 'items') out += '[]';
    else if (segment === 'additionalProperties') out += '.*';
  }
  return out.replace(/^\./, '') || 'the body';
}

/** Whether the operation's parameters, request body or responses reach the component. */
function usesComponent(contract: Contract, operation: ContractOperation, ref: string): boolean {
  const target = tryResolve(contract, ref);
  if (!target) return false;
  const kind = ref.split('/')[2];
  const parameters = Object.values(operation.parameters).flat();
  if (kind === 'schemas') return reachableSchemas(contract, operation).has(target);
  if (kind === 'parameters') {
    const parameter = target as OpenAPIV3_1.ParameterObject;
    return parameters.some((p) => p.name === parameter.name && p.in === parameter.in);
  }
  if (kind === 'headers') {
    const schema = (target as OpenAPIV3_1.HeaderObject).schema;
    const resolved = schema ? tryResolve(contract, schema) : undefined;
    return operation.responses.some((response) => response.headers.some((header) => header.schema === resolved));
  }
  if (kind === 'responses') {
    const response = target as OpenAPIV3_1.ResponseObject;
    const body = response.content?.['application/json']?.schema;
    const schema = body ? tryResolve(contract, body) : undefined;
    return operation.responses.some((r) => r.description === response.description && r.schema === schema);
  }
  return false;
}

function tryResolve(contract: Contract, node: object | string): object | undefined {
  try {
    return contract.resolve(typeof node === 'string' ? { $ref: node } : node);
  } catch {
    return undefined;
  }
}

/** Every schema object an operation's parameters, request body and responses reach, resolved. */
function reachableSchemas(contract: Contract, operation: ContractOperation): Set<object> {
  const seen = new Set<object>();
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const schema = contract.resolve(node as SchemaObject);
    if (seen.has(schema)) return;
    seen.add(schema);
    for (const property of Object.values(schema.properties ?? {})) walk(property);
    if ('items' in schema) walk(schema.items);
    if ('prefixItems' in schema && Array.isArray(schema.prefixItems)) schema.prefixItems.forEach(walk);
    if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties);
    for (const branch of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) walk(branch);
    if (schema.not) walk(schema.not);
  };
  for (const parameter of Object.values(operation.parameters).flat()) walk(parameter.schema);
  walk(operation.requestBody?.schema);
  for (const response of operation.responses) {
    walk(response.schema);
    for (const header of response.headers) walk(header.schema);
  }
  return seen;
}
