/**
 * One error type inside the server, rendered in the envelope the contract
 * documents for the operation: `ErrorResponse` for the Freddy operations,
 * `PlatformErrorResponse` for pin and unpin.
 */
import type { ErrorResponse, PlatformErrorResponse } from '@freddy/types';
import type { Envelope, PlatformErrorFields } from '../validation/contract.js';

type FreddyErrorType = ErrorResponse['error']['type'];
type PlatformErrorType = PlatformErrorResponse['error']['type'];

export interface ApiErrorInit {
  status: number;
  type: FreddyErrorType;
  /** snake_case code of the Freddy envelope. */
  code: string;
  message: string;
  param?: string;
  /** UPPER_SNAKE code of the platform envelope; defaults from the status. */
  platformCode?: string;
  /** The platform envelope's end-user message; `message` is its developer message. */
  userMessage?: string;
  details?: Record<string, unknown>;
  /** Headers the answer carries besides the usual ones (`allow`, `retry-after`). */
  headers?: Record<string, string | number>;
}

export class ApiError extends Error {
  readonly init: ApiErrorInit;
  constructor(init: ApiErrorInit) {
    super(init.message);
    this.init = init;
  }
  get headers(): Record<string, string | number> | undefined {
    return this.init.headers;
  }
  get status(): number {
    return this.init.status;
  }
}

/**
 * For a platform error whose status the operation does not document (a bad
 * path parameter on pin is a 400, say): the contract names no example to
 * follow, so these stand in, in the schema's own vocabulary.
 */
const UNDOCUMENTED_PLATFORM_ERROR: PlatformErrorFields = {
  code: 'VALIDATION_ERROR',
  type: 'validation_error',
  message: 'The request is not valid.',
};
const UNDOCUMENTED_PLATFORM_FAULT: PlatformErrorFields = {
  code: 'INTERNAL_ERROR',
  type: 'server_error',
  message: 'Something went wrong. Please try again.',
};

export function renderError(
  error: ApiError,
  envelope: Envelope,
  requestId: string,
): ErrorResponse | PlatformErrorResponse {
  const e = error.init;
  const bounded = (field: string, value: string) => clip(value, envelope.bounds.get(field));
  if (envelope.kind === 'freddy') {
    return {
      error: {
        message: bounded('message', e.message),
        type: e.type,
        code: e.code,
        ...(e.param ? { param: bounded('param', e.param) } : {}),
      },
    };
  }
  const documented =
    envelope.documented.get(e.status) ?? (e.status >= 500 ? UNDOCUMENTED_PLATFORM_FAULT : UNDOCUMENTED_PLATFORM_ERROR);
  return {
    success: false,
    error: {
      code: e.platformCode ?? documented.code,
      message: bounded('message', e.userMessage ?? documented.message),
      system_message: bounded('system_message', e.message),
      type: documented.type as PlatformErrorType,
      status: e.status,
      details: e.details ?? (e.param ? { param: e.param } : {}),
      trace_id: requestId,
      timestamp: isoSeconds(Date.now()),
    },
  };
}

/** At most `max` code points (JSON Schema's measure), ending in `…` when cut. */
function clip(value: string, max: number | undefined): string {
  if (max === undefined || value.length <= max) return value;
  const points = Array.from(value);
  return points.length <= max ? value : `${points.slice(0, max - 1).join('')}…`;
}

/** ISO-8601 to the second, as the vendor pages write it (`2026-01-15T10:30:00Z`). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const errors = {
  missingCredentials: () =>
    new ApiError({
      status: 401,
      type: 'authentication_error',
      code: 'missing_authentication',
      message: 'Authentication required',
    }),
  invalidCredentials: () =>
    new ApiError({
      status: 401,
      type: 'authentication_error',
      code: 'invalid_api_key',
      message: 'The API key is not valid',
      platformCode: 'INVALID_API_KEY',
      userMessage: 'Invalid API key. Please provide a valid API key.',
    }),
  // Names neither header's value: one of them is someone's key.
  conflictingCredentials: () =>
    new ApiError({
      status: 400,
      type: 'invalid_request_error',
      code: 'conflicting_credentials',
      message:
        'The request carries two different credentials (X-API-Key and Authorization): send one, or the same key in both',
      platformCode: 'CONFLICTING_CREDENTIALS',
      userMessage: 'This request carries two different API keys. Please send one.',
    }),
  readOnlyKey: () =>
    new ApiError({
      status: 403,
      type: 'permission_error',
      code: 'insufficient_permissions',
      message: 'This key is read-only; it may list and retrieve threads, not change them',
    }),
  threadNotFound: (threadId: string) =>
    new ApiError({
      status: 404,
      type: 'not_found_error',
      code: 'thread_not_found',
      message: 'Thread not found or access denied',
      details: { thread_id: threadId },
    }),
  rateLimited: (limit: number, windowMs: number, retryAfter: number) =>
    new ApiError({
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      message: `Rate limit of ${limit} requests per ${windowMs / 1000} s exceeded for this key; retry after ${retryAfter} s`,
      details: { retry_after: retryAfter },
      headers: { 'retry-after': retryAfter },
    }),
  badRequest: (message: string, code = 'invalid_parameters', param?: string) =>
    new ApiError({ status: 400, type: 'invalid_request_error', code, message, ...(param ? { param } : {}) }),
  unprocessable: (message: string, code: string, param?: string) =>
    new ApiError({ status: 422, type: 'validation_error', code, message, ...(param ? { param } : {}) }),
  payloadTooLarge: (limit: number) =>
    new ApiError({
      status: 413,
      type: 'invalid_request_error',
      code: 'payload_too_large',
      message: `Request body exceeds ${limit} bytes`,
    }),
  unsupportedMediaType: () =>
    new ApiError({
      status: 415,
      type: 'invalid_request_error',
      code: 'unsupported_media_type',
      message: 'Request body must be JSON (Content-Type application/json)',
    }),
  routeNotFound: (method: string, path: string) =>
    new ApiError({
      status: 404,
      type: 'not_found_error',
      code: 'route_not_found',
      message: `No operation ${method} ${path} in this API`,
    }),
  methodNotAllowed: (method: string, path: string, allow: readonly string[]) =>
    new ApiError({
      status: 405,
      type: 'invalid_request_error',
      code: 'method_not_allowed',
      message: `Method ${method} is not allowed on ${path}`,
      headers: { allow: allow.join(', ') },
    }),
  requestTimeout: (headersMs: number, requestMs: number) =>
    new ApiError({
      status: 408,
      type: 'invalid_request_error',
      code: 'request_timeout',
      message: `The request did not arrive in time: headers are due within ${headersMs / 1000} s, the whole request within ${requestMs / 1000} s`,
    }),
  idempotencyKeyReused: (key: string) =>
    new ApiError({
      status: 400,
      type: 'invalid_request_error',
      code: 'idempotency_key_reused',
      message: `Idempotency-Key ${key} was first used with another request: send the same operation and body again, or a new key`,
      param: 'Idempotency-Key',
      platformCode: 'IDEMPOTENCY_KEY_REUSED',
      userMessage: 'This request key was already used for another request.',
    }),
  idempotencyInProgress: (key: string) =>
    new ApiError({
      status: 409,
      type: 'invalid_request_error',
      code: 'idempotency_request_in_progress',
      message: `A request with Idempotency-Key ${key} is still being processed; retry it shortly`,
      param: 'Idempotency-Key',
    }),
  internal: () =>
    new ApiError({
      status: 500,
      type: 'api_error',
      code: 'internal_error',
      message: 'The server failed to process the request',
    }),
};
