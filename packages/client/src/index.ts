export type {
  CreateThreadRequest,
  DeletedThread,
  ErrorResponse,
  ListThreadsQuery,
  MessageInput,
  Metadata,
  PinStatus,
  PlatformErrorResponse,
  Thread,
  ThreadList,
  UpdateThreadMetadataRequest,
  UpdateThreadRequest,
} from '@freddy/types';
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
