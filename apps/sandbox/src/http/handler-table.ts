/**
 * What serves each operation of the contract: its handler, or else its
 * documented success example. The contract's operations are the list; a
 * handler table typed by `@freddy/types` fills in what it has.
 */
import type { Handlers } from '../operations/handler.js';
import type { CompiledOperation } from '../validation/contract.js';
import type { Dispatchable } from './stages/dispatch.js';
import { type SuccessExample, successExample } from './stages/serve-example.js';

type Served = { handler: Dispatchable; example?: undefined } | { handler?: undefined; example: SuccessExample };

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
      served.set(operation, { handler });
    } else {
      served.set(operation, { example: successExample(operation) });
      exampleServed.push(id);
    }
  }
  return { served, exampleServed };
}
