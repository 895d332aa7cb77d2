/**
 * A fetch that passes every request through to the real server and checks
 * the response against the contract with @freddy/spec's validator, so the
 * integration tests prove not only what the client returns but that what it
 * received was a documented answer.
 */

import { createResponseValidator, describeContract } from '@freddy/spec';

const contract = describeContract();
const check = createResponseValidator(contract);
const basePath = contract.referenceServer.basePath;

export interface CheckedResponse {
  operationId: string;
  status: number;
  valid: boolean;
  errors: string;
}

/** A fetch that records the check of every response into `checked`. */
export function contractCheckingFetch(checked: CheckedResponse[]) {
  return async (request: Request, init?: RequestInit): Promise<Response> => {
    const response = await fetch(request, init);
    const { pathname } = new URL(request.url);
    const local = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
    const route = contract.operations.find((op) => op.method === request.method && op.template.match(local));
    const text = await response.clone().text();
    const operationId = route?.id ?? `(no operation for ${request.method} ${pathname})`;
    if (!route) {
      checked.push({ operationId, status: response.status, valid: false, errors: 'no such operation' });
      return response;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      checked.push({
        operationId,
        status: response.status,
        valid: false,
        errors: `body is not JSON: ${text.slice(0, 80)}`,
      });
      return response;
    }
    checked.push({ operationId, status: response.status, ...check(operationId, response.status, body) });
    return response;
  };
}
