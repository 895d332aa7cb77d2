/**
 * What serves each operation of the contract: its handler, or else its
 * documented success example. The contract's operations are the list; a
 * handler table typed by `@freddy/types` fills in what it has.
 */
import type { Handlers } from '../operations/handler.js';
import type { CompiledOperation } from '../validation/contract.js';
import type { Dispatchable } from './stages/dispatch.js';
import type { SuccessAnswer } from './stages/idempotency.js';
import { type SuccessExample, successExample, successStatus } from './stages/serve-example.js';

type Served =
  | { handler: Dispatchable; success: SuccessAnswer; example?: undefined }
  | { handler?: undefined; success: SuccessExample; example: SuccessExample };

export interface HandlerTable {
  served: ReadonlyMap<CompiledOperation, Served>;
  /** The operationIds answered from their examples (no handler yet), in the contract's order. */
  exampleServed: string[];
}

/** Throws, naming it, for an operation with neither a handler nor a success example. */
export function handlerTable(operations: readonly CompiledOperation[], handlers: Handlers): HandlerTable {
  const byId = handlers as Readonly<Record<string, Dispatchable | undefined>>;
  const served = new Map<CompiledOperation, Served>();
  const exampleServed: string[] = [];
  for (const operation of operations) {
    const id = operation.spec.id;
    const handler = Object.hasOwn(byId, id) ? byId[id] : undefined;
    if (handler) {
      served.set(operation, { handler, success: successStatus(operation) });
    } else {
      const example = successExample(operation);
      served.set(operation, { example, success: example });
      exampleServed.push(id);
    }
  }
  return { served, exampleServed };
}
