/**
 * One error type for every non-2xx answer, whichever of the contract's two
 * envelopes the server sent, and separate types for failures that never got
 * an answer. Names are explicit strings (not `constructor.name`) because
 * consumers' minifiers rename classes.
 */

/** Base class of everything this client throws on purpose. */
export class FreddyError extends Error {
  override readonly name: string = 'FreddyError';
  /**
   * The `Idempotency-Key` the failed call sent (a write that takes one), set when the call gives up.
   * After an error that leaves the outcome unknown (no answer, a timeout, a 5xx), send the same call
   * again with `{ idempotencyKey }` and the API does the write at most once.
   */
  declare idempotencyKey?: string;
}

/** The request never got an HTTP answer (DNS, refused or reset connection, …). Retried. */
export class FreddyConnectionError extends FreddyError {
  override readonly name: string = 'FreddyConnectionError';
}

/** An attempt took longer than `timeoutMs`. Retried like a connection error. */
export class FreddyTimeoutError extends FreddyConnectionError {
  override readonly name: string = 'FreddyTimeoutError';
}

type Json = Record<string, unknown>;

/**
 * A non-2xx answer. The fields are normalised from either envelope:
 * `{ error: { message, type, code, param } }` (Freddy operations) or
 * `{ success: false, error: { code, message, system_message, type, status, details, trace_id, timestamp } }`
 * (pin, unpin). `body` is the parsed body as received (with any echo of the
 * credential redacted).
 */
export class FreddyApiError extends FreddyError {
  override readonly name: string = 'FreddyApiError';
  /** HTTP status. */
  readonly status: number;
  /** Machine-readable code: `thread_not_found`, `RESOURCE_NOT_FOUND`, … */
  readonly code: string | undefined;
  /** Category: `not_found_error`, `client_error`, … */
  readonly type: string | undefined;
  /** The request parameter the error is about (Freddy envelope). */
  readonly param: string | undefined;
  /** `trace_id` of the platform envelope. */
  readonly traceId: string | undefined;
  /** The `x-request-id` response header, else the trace id. */
  readonly requestId: string | undefined;
  /** Structured context (platform envelope). */
  readonly details: Json | undefined;
  /** The parsed response body. */
  readonly body: unknown;

  constructor(status: number, body: unknown, requestId: string | null) {
    const error = ((body as Json | null)?.error ?? {}) as Json;
    const text = (key: string) => (typeof error[key] === 'string' ? (error[key] as string) : undefined);
    const message = text('message') ?? (typeof body === 'string' && body ? body : 'no error body');
    super(`${status}${text('code') ? ` ${text('code')}` : ''}: ${message}`);
    this.status = status;
    this.code = text('code');
    this.type = text('type');
    this.param = text('param');
    this.traceId = text('trace_id');
    this.requestId = requestId ?? this.traceId;
    this.details = error.details as Json | undefined;
    this.body = body;
  }
}

/** 400: malformed request (invalid JSON, unknown field, bad query parameter). */
export class BadRequestError extends FreddyApiError {
  override readonly name: string = 'BadRequestError';
}
/** 401: missing or invalid credentials. */
export class AuthenticationError extends FreddyApiError {
  override readonly name: string = 'AuthenticationError';
}
/** 403: valid credentials that may not do this. */
export class PermissionDeniedError extends FreddyApiError {
  override readonly name: string = 'PermissionDeniedError';
}
/** 404: no such thread, or not visible to the caller. */
export class NotFoundError extends FreddyApiError {
  override readonly name: string = 'NotFoundError';
}
/** 409: conflicts with the current state. */
export class ConflictError extends FreddyApiError {
  override readonly name: string = 'ConflictError';
}
/** 413: body over the size limit. */
export class PayloadTooLargeError extends FreddyApiError {
  override readonly name: string = 'PayloadTooLargeError';
}
/** 415: body not sent as JSON. */
export class UnsupportedMediaTypeError extends FreddyApiError {
  override readonly name: string = 'UnsupportedMediaTypeError';
}
/** 422: well-formed but breaks a limit (length, count, empty title). */
export class UnprocessableEntityError extends FreddyApiError {
  override readonly name: string = 'UnprocessableEntityError';
}
/** 429: rate limited; retried automatically, honouring `Retry-After`. */
export class RateLimitError extends FreddyApiError {
  override readonly name: string = 'RateLimitError';
}
/** 5xx: the server failed; retried automatically. */
export class InternalServerError extends FreddyApiError {
  override readonly name: string = 'InternalServerError';
}

const byStatus: Record<number, typeof FreddyApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The error for a non-2xx answer: the subclass of its status, or `FreddyApiError`. */
export function apiErrorFor(status: number, body: unknown, requestId: string | null): FreddyApiError {
  const ErrorClass = status >= 500 ? InternalServerError : (byStatus[status] ?? FreddyApiError);
  return new ErrorClass(status, body, requestId);
}

/** A copy of `value` with every occurrence of `secret` in its strings replaced. */
export function redact(value: unknown, secret: string): unknown {
  if (typeof value === 'string') return value.split(secret).join('[redacted]');
  if (Array.isArray(value)) return value.map((item) => redact(item, secret));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key, secret), redact(item, secret)]));
  return value;
}
