/**
 * One error type inside the server, rendered in the envelope the contract
 * documents for the operation: `ErrorResponse` for the Freddy operations,
 * `PlatformErrorResponse` for pin and unpin.
 */
import type { Envelope } from '../validation/contract.js';

export type FreddyErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'validation_error'
  | 'rate_limit_error'
  | 'api_error';

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
}

export class ApiError extends Error {
  readonly init: ApiErrorInit;
  constructor(init: ApiErrorInit) {
    super(init.message);
    this.init = init;
  }
  get status(): number {
    return this.init.status;
  }
}

const platformDefaults: Record<number, { code: string; type: string; message: string }> = {
  400: { code: 'VALIDATION_ERROR', type: 'validation_error', message: 'The request is not valid.' },
  401: {
    code: 'AUTHENTICATION_REQUIRED',
    type: 'authentication_error',
    message: 'Authentication required. Please provide a valid API key.',
  },
  403: { code: 'PERMISSION_DENIED', type: 'permission_error', message: 'You may not perform this operation.' },
  404: { code: 'RESOURCE_NOT_FOUND', type: 'client_error', message: 'The requested resource could not be found.' },
  429: { code: 'RATE_LIMIT_EXCEEDED', type: 'rate_limit_error', message: 'Too many requests. Please retry later.' },
  500: { code: 'INTERNAL_ERROR', type: 'server_error', message: 'Something went wrong. Please try again.' },
};

export function renderError(error: ApiError, envelope: Envelope, requestId: string): unknown {
  const e = error.init;
  if (envelope === 'freddy') {
    return { error: { message: e.message, type: e.type, code: e.code, ...(e.param ? { param: e.param } : {}) } };
  }
  const fallback = platformDefaults[e.status] ?? platformDefaults[e.status >= 500 ? 500 : 400]!;
  return {
    success: false,
    error: {
      code: e.platformCode ?? fallback.code,
      message: e.userMessage ?? fallback.message,
      system_message: e.message,
      type: fallback.type,
      status: e.status,
      details: e.details ?? (e.param ? { param: e.param } : {}),
      trace_id: requestId,
      timestamp: isoSeconds(Date.now()),
    },
  };
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
      platformCode: 'AUTHENTICATION_REQUIRED',
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
  methodNotAllowed: (method: string, path: string) =>
    new ApiError({
      status: 405,
      type: 'invalid_request_error',
      code: 'method_not_allowed',
      message: `Method ${method} is not allowed on ${path}`,
    }),
  internal: () =>
    new ApiError({
      status: 500,
      type: 'api_error',
      code: 'internal_error',
      message: 'The server failed to process the request',
    }),
};
