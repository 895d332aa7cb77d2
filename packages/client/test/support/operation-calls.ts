/**
 * Calls an operation as a user would: through the method the contract names
 * for it (`client.<resource>.<method>`, from `describeContract()`), with the
 * contract's own example input. Tests that must hold for every operation
 * take the operations from the contract and call each through here, so a new
 * operation is tested without a line edited.
 */
import type { ContractOperation } from '@freddy/spec';
import type { FreddyClient, RequestOptions } from '../../src/index.js';

type Method = (...args: unknown[]) => Promise<unknown>;

/** Each path parameter's value: the one given, else the contract's example, else `zz_<name>`. */
export function examplePath(op: ContractOperation, given: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(
    op.template.names.map((name) => {
      const example = op.parameters.path.find((parameter) => parameter.name === name)?.example;
      return [name, given[name] ?? (typeof example === 'string' ? example : `zz_${name}`)];
    }),
  );
}

/** The request path the call sends, below the server's base path, e.g. `/threads/thread_abc123`. */
export function examplePathname(op: ContractOperation, given: Record<string, string> = {}): string {
  return op.template.expand(examplePath(op, given));
}

/** The first example of the operation's 200 body: what a scripted server answers it with. */
export function exampleAnswer(op: ContractOperation): unknown {
  const example = op.responses.find((response) => response.status === 200)?.examples[0];
  if (!example) throw new Error(`${op.id} documents no 200 example`);
  return example.value;
}

/** The header an API key goes in for this operation, lowercased as Node reports it; undefined: sent as a bearer token. */
export function apiKeyHeader(op: ContractOperation): string | undefined {
  return op.security.find((scheme) => scheme.kind === 'apiKey')?.header.toLowerCase();
}

/** The generated method of `op` on `client`. */
export function methodOf(client: FreddyClient, op: ContractOperation): Method {
  const resource = (client as unknown as Record<string, Record<string, Method> | undefined>)[op.client.resource];
  const method = resource?.[op.client.method];
  if (typeof method !== 'function') throw new Error(`client.${op.client.resource}.${op.client.method} is missing`);
  return method;
}

/**
 * Calls `op` through its method: its path parameters in order, its first
 * request example as the body where it takes one, no query, then `options`.
 */
export function callOperation(
  client: FreddyClient,
  op: ContractOperation,
  { path = {}, options }: { path?: Record<string, string>; options?: RequestOptions } = {},
): Promise<unknown> {
  const values = examplePath(op, path);
  const args: unknown[] = op.template.names.map((name) => values[name]);
  if (op.requestBody) args.push(structuredClone(op.requestBody.examples[0]?.value ?? {}));
  if (op.parameters.query.length > 0) args.push(undefined);
  return methodOf(client, op)(...args, options);
}
