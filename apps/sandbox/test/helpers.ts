/**
 * Test plumbing: a real sandbox on an ephemeral port, and a `call` that makes
 * a real HTTP request and checks the answer against the contract.
 */
import { type ContractOperation, createResponseValidator, describeContract } from '@freddy/spec';
import { afterAll, beforeAll, expect } from 'vitest';
import { createSandboxApp } from '../src/app.js';
import { type Sandbox, type SandboxOptions, startSandbox } from '../src/index.js';

export const contract = describeContract();
export const checkResponse = createResponseValidator(contract);

/** The operations of a contract the sandbox serves with a handler (stateful), not from their examples. */
export function handledOperations(document?: object): ContractOperation[] {
  const app = createSandboxApp({ memory: true, rateLimit: false, ...(document ? { contract: document } : {}) });
  try {
    return app.contract.model.operations.filter((operation) => !app.exampleServed.includes(operation.id));
  } finally {
    app.close();
  }
}

/**
 * The operation's path with each path parameter filled in: from `values` by
 * its name when given (an id of something stored), else the parameter's
 * documented example.
 */
export function pathFor(operation: ContractOperation, values: Record<string, string> = {}): string {
  const filled: Record<string, string> = {};
  for (const parameter of operation.parameters.path) {
    const example = parameter.example ?? parameter.schema.examples?.[0];
    const value = values[parameter.name] ?? (example === undefined ? undefined : String(example));
    if (value === undefined) throw new Error(`${operation.id}: no value for the path parameter ${parameter.name}`);
    filled[parameter.name] = value;
  }
  return operation.template.expand(filled);
}

/** The operation's first documented request body example (`{}` if it documents none); undefined if it takes no body. */
export function bodyFor(operation: ContractOperation): unknown {
  return operation.requestBody ? (operation.requestBody.examples[0]?.value ?? {}) : undefined;
}

/** How a key is sent to the operation: by the first scheme it accepts. */
export function schemeFor(operation: ContractOperation): 'bearer' | 'apiKey' {
  return operation.security[0]?.kind === 'apiKey' ? 'apiKey' : 'bearer';
}

/** A sandbox for one test: in memory, on a free port, no rate limit and no log unless asked. */
export function start(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, memory: true, rateLimit: false, log: false, ...options });
}

/**
 * One sandbox for the suite this is called in (a test file, or a `describe`):
 * started before the suite's first test (before any `beforeAll` registered
 * after this call) and closed after its last. What it returns stands for that
 * sandbox: read it in tests and hooks, not while the suite is being collected.
 */
export function suiteSandbox(options: SandboxOptions = {}): Sandbox {
  let running: Sandbox | undefined;
  beforeAll(async () => {
    running = await start(options);
  });
  afterAll(() => running?.close());
  return new Proxy({} as Sandbox, {
    get(_target, property) {
      if (!running) throw new Error(`suiteSandbox().${String(property)} was read before its suite started it`);
      const value: unknown = Reflect.get(running, property);
      return typeof value === 'function' ? value.bind(running) : value;
    },
  });
}

export interface CallOptions {
  /** An API key; sent as a bearer token unless `scheme` says otherwise. */
  key?: string;
  scheme?: 'bearer' | 'apiKey';
  /** A value to send as JSON. */
  json?: unknown;
  /** A raw body (sent as is, with `contentType` if given). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** The operation a method and path (under the base URL) are for, by the contract's templates. */
export function operationIdFor(method: string, path: string): string | undefined {
  const bare = path.split('?')[0]!;
  return contract.operations.find((op) => op.method === method && op.template.match(bare))?.id;
}

/**
 * Calls the sandbox and asserts what holds for every answer: a documented
 * status whose JSON body and headers match the contract (the required
 * `Access-Control-Allow-Origin` among them), an x-request-id, never a 5xx.
 */
export async function call<T = any>(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) {
    if (options.scheme === 'apiKey') headers['x-api-key'] = options.key;
    else headers.authorization = `Bearer ${options.key}`;
  }
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = options.contentType ?? 'application/json';
  } else if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType) headers['content-type'] = options.contentType;
  }
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  expect(response.status, `${method} ${path} answered ${response.status}: ${text}`).toBeLessThan(500);
  expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  const operationId = operationIdFor(method, path);
  if (operationId) {
    const check = checkResponse(operationId, response.status, parsed, response.headers);
    expect(check.errors, `${operationId} ${response.status} body ${text}`).toBe('');
    expect(check.valid).toBe(true);
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

export async function createThread(sandbox: Sandbox, key: string, json: unknown = {}): Promise<any> {
  const res = await call(sandbox, 'POST', '/threads', { key, json });
  expect(res.status).toBe(200);
  return res.body;
}
