/**
 * Type tests of the handler table, checked by this package's typecheck
 * (`tsc --noEmit` compiles `test/`): an `@ts-expect-error` that stops being an
 * error fails it, as does a valid table that stops compiling. A handler is
 * optional per operation (one without answers its example); a handler for an
 * operation the contract does not have is a type error; a handler's answer
 * is its operation's success body, by the generated types.
 */
import type { OperationId } from '@freddy/types';
import type { Handler, Handlers } from '../src/operations/handler.js';
import type { createOperations } from '../src/operations/threads.js';

/** No handler at all is a valid table: every operation is then served from its example. */
export const none = {} satisfies Handlers;

/** The sandbox's own table leaves out whatever it likes and is still one. */
export type Some = Partial<ReturnType<typeof createOperations>> extends Handlers ? true : never;
export const some: Some = true;

export const extra = {
  // @ts-expect-error zzFixtureProbe is no operation of the contract: a handler for it is refused.
  zzFixtureProbe: () => ({}),
} satisfies Handlers;

/** Whichever operation it is, a handler whose answer is not its success body is refused. */
export function wrongAnswer<K extends OperationId>(_id: K): Handler<K> {
  // @ts-expect-error a number is no operation's success body.
  return () => 42;
}
