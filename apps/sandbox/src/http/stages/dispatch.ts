/**
 * Runs the operation's handler and answers its documented success status
 * with what it returns, once any write has committed; with an
 * `error-after-commit` fault, the documented 500 instead.
 */
import { withWriteContext } from '../../store/write-context.js';
import { errors } from '../errors.js';
import type { Exchange } from '../exchange.js';
import type { IdempotentWrite } from './idempotency.js';

/** Any operation handler, whatever the input type it declares. */
export type Dispatchable = (input: never) => unknown;

export function dispatch(
  exchange: Exchange,
  handler: Dispatchable,
  input: unknown,
  status: number,
  context?: IdempotentWrite,
): void {
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
      (value) => answer(exchange, status, value, context),
      (error) => exchange.fail(error),
    );
  } else answer(exchange, status, result, context);
}

function answer(exchange: Exchange, status: number, value: unknown, context: IdempotentWrite | undefined): void {
  // Stored already beside a write the handler made; else now, as it is answered.
  context?.saveAnswer(value);
  if (exchange.failAfterCommit) exchange.fail(errors.internal());
  else exchange.send(status, value);
}
