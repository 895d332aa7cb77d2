/**
 * A fetch that passes every request through to the real server and checks
 * the response against the contract with @freddy/spec's validator, so the
 * integration tests prove not only what the client returns but that what it
 * received was a documented answer.
 */

import { createResponseValidator, loadSpec } from '@freddy/spec';
import { operationTable } from '@freddy/types';

const check = createResponseValidator(loadSpec());

const routes = Object.entries(operationTable).map(([operationId, op]) => ({
  operationId,
  method: op.method,
  pattern: new RegExp(`/v1${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

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
    const route = routes.find((r) => r.method === request.method && r.pattern.test(pathname));
    const text = await response.clone().text();
    const operationId = route?.operationId ?? `(no operation for ${request.method} ${pathname})`;
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
