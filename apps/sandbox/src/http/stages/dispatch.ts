/**
 * Runs the operation and answers 200 with what it returns, once any write has
 * committed; with an `error-after-commit` fault, the documented 500 instead.
 */
import { type WriteContext, withWriteContext } from '../../store/write-context.js';
import { errors } from '../errors.js';
import type { Exchange } from '../exchange.js';

/** Any operation handler, whatever the input type it declares. */
export type Dispatchable = (input: never) => unknown;

export function dispatch(exchange: Exchange, handler: Dispatchable, input: unknown, context?: WriteContext): void {
  let result: unknown;
  try {
    // The earlier stages validated the input against this operation's schemas,
    // which the handler's generated input type describes.
    result = withWriteContext(context, () => handler(input as never));
  } catch (error) {
    exchange.fail(error);
    return;
  }
  if (result instanceof Promise) {
    result.then(
      (value) => answer(exchange, value),
      (error) => exchange.fail(error),
    );
  } else answer(exchange, result);
}

function answer(exchange: Exchange, value: unknown): void {
  if (exchange.failAfterCommit) exchange.fail(errors.internal());
  else exchange.send(200, value);
}
