/**
 * What a code sample needs to know about one operation, read from the
 * contract model: where it lives, how it authenticates, and the example it
 * sends. Every generator works from this shape only, so a sample cannot say
 * anything the contract does not.
 */
import type { ContractOperation, CredentialScheme, HttpMethod, PathTemplate } from '@freddy/spec';
import { type PathParam, samplePathValues } from './path-values.js';

export interface RequestShape {
  operationId: string;
  method: HttpMethod;
  /** Base URL without a trailing slash, e.g. `https://api.aitronos.com/v1`. */
  baseUrl: string;
  template: PathTemplate;
  /** The template's parameters, in order, with the value the sample shows. */
  pathParams: PathParam[];
  /**
   * The first security alternative: the vendor pages show that one (pin and
   * unpin list the API key first, the Freddy operations only the bearer token).
   */
  auth: CredentialScheme;
  /** The operation's first request example, when it takes a JSON body. */
  body?: unknown;
  /** Query parameters it sends, in order: a guide's step sends some; an operation's own sample none. */
  query?: PathParam[];
  /** Headers it sends besides the credential, such as a guide's `Idempotency-Key`. */
  headers?: PathParam[];
  /** Where `@freddy/client` has it: `client.<resource>.<method>`, as the contract names it. */
  client: ContractOperation['client'];
}

/** Values that replace what the contract would put in a sample (tests point samples at a live server). */
export interface SampleOverrides {
  baseUrl?: string;
  pathValues?: Record<string, string>;
}

export function requestShape(operation: ContractOperation, overrides: SampleOverrides = {}): RequestShape {
  const [auth] = operation.security;
  if (!auth) throw new Error(`${operation.id} declares no security`);
  const pathParams = samplePathValues(operation).map(({ name, value }) => ({
    name,
    value: overrides.pathValues?.[name] ?? value,
  }));
  const body = operation.requestBody?.examples[0]?.value;
  return {
    operationId: operation.id,
    method: operation.method,
    baseUrl: (overrides.baseUrl ?? operation.server.url).replace(/\/+$/, ''),
    template: operation.template,
    pathParams,
    auth,
    ...(body === undefined ? {} : { body }),
    client: operation.client,
  };
}

/**
 * The URL as source code that interpolates each path parameter
 * (`${threadId}`, `{thread_id}`): built from the parsed segments, since
 * `expand` would percent-encode the placeholder.
 */
export function interpolatedUrl(shape: RequestShape, placeholder: (name: string) => string): string {
  const path = shape.template.segments
    .map((segment) => `/${'literal' in segment ? segment.literal : placeholder(segment.param)}`)
    .join('');
  return `${shape.baseUrl}${path}`;
}
