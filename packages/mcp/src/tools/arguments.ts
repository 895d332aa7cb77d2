/**
 * A call's arguments checked against its tool's input schema (JSON Schema
 * 2020-12, by ajv) before anything is sent, so a mistake costs no request
 * and comes back naming the argument and the bound it broke; then split into
 * the request's path parameters, query and body.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { ToolDefinition } from './definition.js';

// ajv-formats is CommonJS with a default export; NodeNext sees the namespace.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;

/** What a call sends: the arguments, each where its tool says it goes. */
interface RequestParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
}

export type ArgumentCheck =
  | {
      ok: true;
      params: RequestParams;
      /** The `Idempotency-Key` the agent gave (a write's `idempotency_key`), if it gave one. */
      idempotencyKey?: string;
      /** The arguments that say what the call does: all of them but the key. */
      identity: Record<string, unknown>;
    }
  | { ok: false; problems: string[] };

/**
 * A checker; each tool's validator is compiled on its first call and kept with
 * the tool's definition, so the servers HTTP makes per request share them.
 */
export function argumentChecker(): (tool: ToolDefinition, args: Record<string, unknown> | undefined) => ArgumentCheck {
  // Every problem at once, so an agent mends its call in one go; the schemas are small and bounded.
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validators = new WeakMap<ToolDefinition, ValidateFunction>();
  return (tool, args = {}) => {
    let validate = validators.get(tool);
    if (!validate) {
      validate = ajv.compile(tool.inputSchema);
      validators.set(tool, validate);
    }
    if (!validate(args)) return { ok: false, problems: (validate.errors ?? []).map(problem) };
    return { ok: true, ...requestParams(tool, args) };
  };
}

/** One ajv error as a sentence an agent can act on: the argument, what is wrong, the bound. */
function problem(error: ErrorObject): string {
  const where = error.instancePath
    .split('/')
    .slice(1)
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, step) => (/^\d+$/.test(step) ? `${path}[${step}]` : path ? `${path}.${step}` : step), '');
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${where ? `${where}.` : ''}${String(params.missingProperty)} is required`;
    case 'additionalProperties':
      return `${where || 'the arguments'} take no ${String(params.additionalProperty)} (unknown argument)`;
    case 'enum':
      return `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default: {
      const bound = 'limit' in params ? ` (${error.keyword} ${String(params.limit)})` : '';
      return `${where || 'the arguments'} ${error.message ?? `break ${error.keyword}`}${bound}`;
    }
  }
}

/** The checked arguments as the request's path parameters, query and body, by where the tool says each goes. */
function requestParams(
  tool: ToolDefinition,
  args: Record<string, unknown>,
): { params: RequestParams; idempotencyKey?: string; identity: Record<string, unknown> } {
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  const into = { path, query, body };
  const identity: Record<string, unknown> = {};
  let idempotencyKey: string | undefined;
  for (const [name, value] of Object.entries(args)) {
    const location = tool.call.arguments[name]!;
    if (location === 'idempotencyKey') {
      idempotencyKey = value as string;
      continue;
    }
    into[location][name] = value;
    identity[name] = value;
  }
  return {
    params: {
      ...(Object.keys(path).length ? { path } : {}),
      ...(Object.keys(query).length ? { query } : {}),
      ...(tool.call.body ? { body } : {}),
    },
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    identity,
  };
}
