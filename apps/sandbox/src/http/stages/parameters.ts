/** Path and query parameters, checked against the operation's parameter schemas. */

import type { IncomingHttpHeaders } from 'node:http';
import { classifyParameterError } from '../../validation/classify.js';
import type { CompiledOperation } from '../../validation/contract.js';
import { errors } from '../errors.js';

export function validatePath(operation: CompiledOperation, params: Record<string, string>): Record<string, string> {
  const spec = operation.pathParams;
  if (spec && !spec.validate(params)) throw classifyParameterError(spec.validate.errors?.[0]);
  return params;
}

/** Query values as the spec types them (coerced by ajv), with the spec's defaults. */
export function parseQuery(operation: CompiledOperation, search: string): Record<string, unknown> {
  const spec = operation.query;
  if (!spec) return {};
  const query: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    // Would set the object's prototype rather than a key; no parameter has this name anyway.
    if (name === '__proto__') {
      throw errors.badRequest(
        `Invalid request parameters: Unknown query parameter: ${name}`,
        'invalid_parameters',
        name,
      );
    }
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  for (const [name, value] of Object.entries(spec.defaults)) if (query[name] === undefined) query[name] = value;
  if (!spec.validate(query)) throw classifyParameterError(spec.validate.errors?.[0]);
  return query;
}

/** The header parameters the operation declares, as sent, checked against their schemas. */
export function validateHeaders(operation: CompiledOperation, headers: IncomingHttpHeaders): Record<string, string> {
  const spec = operation.headers;
  if (!spec) return {};
  const values: Record<string, string> = {};
  for (const name of spec.names) {
    const value = headers[name.toLowerCase()];
    if (value !== undefined) values[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (!spec.validate(values)) throw classifyParameterError(spec.validate.errors?.[0]);
  return values;
}
