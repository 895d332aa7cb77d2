/**
 * Turns the first ajv error into the documented answer, by the house rule in
 * the spec's description: 400 = malformed (wrong JSON type, unknown or missing
 * field, bad query parameter); 422 = well-formed but breaks a limit.
 */
import type { ErrorObject } from '@freddy/spec';
import { type ApiError, errors } from '../http/errors.js';

/** Keywords that state a limit on a well-formed value. */
const LIMIT_KEYWORDS = new Set([
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'minItems',
  'maxItems',
  'pattern',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
]);

/** The top-level field or parameter an error is about. */
function paramOf(error: ErrorObject): string | undefined {
  const top = error.instancePath.split('/')[1];
  if (top !== undefined && top !== '') return decodePointer(top);
  const params = error.params as Record<string, unknown>;
  if (typeof params.additionalProperty === 'string') return params.additionalProperty;
  if (typeof params.missingProperty === 'string') return params.missingProperty;
  return undefined;
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function describe(error: ErrorObject, what: string): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `Unknown ${what}: ${String(params.additionalProperty)}`;
  if (error.keyword === 'required') return `Missing required ${what}: ${String(params.missingProperty)}`;
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'body';
  const key = typeof error.propertyName === 'string' ? ` key "${error.propertyName}"` : '';
  return `${where}${key} ${error.message ?? 'is not valid'}`;
}

export function classifyBodyError(error: ErrorObject | undefined): ApiError {
  if (!error) return errors.badRequest('Invalid request parameters');
  const param = paramOf(error);
  if (!LIMIT_KEYWORDS.has(error.keyword)) {
    return errors.badRequest(`Invalid request parameters: ${describe(error, 'field')}`, 'invalid_parameters', param);
  }
  const limit = (error.params as { limit?: number }).limit;
  if (param === 'title' && (error.keyword === 'pattern' || (error.keyword === 'minLength' && limit === 1))) {
    return errors.unprocessable('Title cannot be empty', 'invalid_title', 'title');
  }
  if (param === 'title') return errors.unprocessable(`Title ${error.message}`, 'invalid_title', 'title');
  if (param === 'metadata' && error.keyword === 'maxProperties' && error.instancePath === '/metadata') {
    return metadataLimitExceeded(limit ?? 0);
  }
  return errors.unprocessable(describe(error, 'field'), param ? `invalid_${snake(param)}` : 'validation_failed', param);
}

export function metadataLimitExceeded(limit: number): ApiError {
  return errors.unprocessable(
    `Metadata can hold at most ${limit} key-value pairs`,
    'metadata_limit_exceeded',
    'metadata',
  );
}

/** Query and path problems are always a 400: a bad parameter is a malformed request. */
export function classifyParameterError(error: ErrorObject | undefined): ApiError {
  if (!error) return errors.badRequest('Invalid request parameters');
  return errors.badRequest(
    `Invalid request parameters: ${describe(error, 'query parameter')}`,
    'invalid_parameters',
    paramOf(error),
  );
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
