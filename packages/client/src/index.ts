export type { ErrorResponse, MessageInput, Metadata, PlatformErrorResponse } from '@freddy/types';
/** What the methods take and answer (`Thread`, `ListThreadsQuery`, …), by the names @freddy/types gives them. */
export * from '../generated/signature-types.js';
export type { ApiPromise, WithResponse } from './api-promise.js';
export { createFreddyClient, type FreddyClient, type ThreadsResource } from './client.js';
export {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  FreddyApiError,
  FreddyConnectionError,
  FreddyError,
  FreddyTimeoutError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
} from './errors.js';
export type { Logger, LogLevel } from './logger.js';
export type { CallParams, OperationCall, SuccessBody } from './operation-types.js';
export type { FreddyClientOptions, RequestOptions } from './options.js';
export { RedirectError } from './redirects.js';
export { ResponseTooLargeError } from './response-size.js';
