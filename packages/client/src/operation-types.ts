/**
 * The contract's types of each operation, by operation id: what a call sends
 * and what its 200 answers. The client's internal `call` is typed by these,
 * so binding a method to the wrong operation does not compile.
 */
import type { OperationId, operations } from '@freddy/types';
import type { ApiPromise } from './api-promise.js';
import type { RequestOptions } from './options.js';

/** The contract's types of one operation, by id. */
type Operation<K extends OperationId> = operations[K];
/** The JSON body of the operation's 200. */
export type SuccessBody<K extends OperationId> = Operation<K>['responses'][200]['content']['application/json'];
/** The JSON request body, for operations that take one. */
type RequestBody<K extends OperationId> = BodyOf<NonNullable<Operation<K>['requestBody']>>;
type BodyOf<Request> = [Request] extends [never]
  ? never
  : Request extends { content: { 'application/json': infer Body } }
    ? Body
    : never;

/** What a call of operation `K` sends: its path parameters by name, its query, its body (as optional as the contract makes it). */
export type CallParams<K extends OperationId> = ([PathParams<K>] extends [never]
  ? { path?: never }
  : { path: PathParams<K> }) &
  ([RequestBody<K>] extends [never]
    ? { body?: never }
    : undefined extends Operation<K>['requestBody']
      ? { body?: RequestBody<K> }
      : { body: RequestBody<K> }) &
  ([NonNullable<Operation<K>['parameters']['query']>] extends [never]
    ? { query?: never }
    : { query?: NonNullable<Operation<K>['parameters']['query']> | undefined });
type PathParams<K extends OperationId> = NonNullable<Operation<K>['parameters']['path']>;

/** Sends operation `K` with its parameters; resolves with its 200 body. */
export type OperationCall = <K extends OperationId>(
  operationId: K,
  params: CallParams<K>,
  options?: RequestOptions,
) => ApiPromise<SuccessBody<K>>;
