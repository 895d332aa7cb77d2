/**
 * What an operation's handler is, by the generated contract types
 * (`@freddy/types`): its input (the request once authenticated and validated
 * against the spec) and its output (the success body). Handlers are optional
 * per operation: one the contract has and no handler serves answers its
 * documented success example (`http/stages/serve-example.ts`), so a new
 * operation in the spec needs nothing here to be served. A handler for an
 * operation the contract does not have is a type error (`Handlers` has
 * exactly the contract's operationIds as keys).
 */
import type { OperationId, operations } from '@freddy/types';
import type { Principal } from '../auth/keys.js';

/** A response body that is already JSON text, sent as is. */
export class RawJson {
  private encoded: Buffer | undefined;
  constructor(readonly text: string) {}
  /** The text as UTF-8, encoded once however often it is sent (a cached list page is sent many times). */
  get bytes(): Buffer {
    this.encoded ??= Buffer.from(this.text);
    return this.encoded;
  }
}

type Operation<K extends OperationId> = operations[K];

/** A part of the generated parameters, or `Fallback` where the operation has none (`never` or absent). */
type Part<T, Fallback> = [NonNullable<T>] extends [never] ? Fallback : NonNullable<T>;

type PathOf<K extends OperationId> = Part<Operation<K>['parameters']['path'], Record<string, never>>;
type QueryOf<K extends OperationId> = Part<Operation<K>['parameters']['query'], undefined>;
type BodyOf<K extends OperationId> =
  Operation<K> extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : undefined;

type Responses<K extends OperationId> = Operation<K>['responses'];
type SuccessStatus<K extends OperationId> = keyof Responses<K> & (200 | 201 | 202 | 203 | 206);

/** The JSON body of the operation's success answer (the pipeline sends it with that status). */
type SuccessOf<K extends OperationId> = {
  [S in SuccessStatus<K>]: Responses<K>[S] extends { content: { 'application/json': infer Body } } ? Body : never;
}[SuccessStatus<K>];

/** The request as a handler gets it: authenticated, and its path, query and body valid per the spec. */
export interface OperationInput<K extends OperationId> {
  principal: Principal;
  params: PathOf<K> & Record<string, string>;
  query: QueryOf<K>;
  body: BodyOf<K>;
}

/** The success body, or its JSON text already rendered; a write answers once it has committed. */
type Answer<K extends OperationId> = SuccessOf<K> | RawJson | Promise<SuccessOf<K> | RawJson>;

/**
 * One operation's handler. Its input is checked bivariantly (a method's
 * parameter), so a handler may declare what the pipeline guarantees and the
 * generated types cannot say: the spec's `default`s applied to the query and
 * body (`limit` and `order` of a list are always there).
 */
export type Handler<K extends OperationId> = {
  handle(input: OperationInput<K>): Answer<K>;
}['handle'];

/** A handler for some of the contract's operations, and for nothing the contract does not have. */
export type Handlers = { [K in OperationId]?: Handler<K> };
