/**
 * An operation the contract has and no handler serves yet answers its
 * documented success example, as Prism does, but at the end of the pipeline
 * every operation goes through: authenticated, counted, its faults applied,
 * `Prefer` honoured, its parameters and body validated, and with an
 * Idempotency-Key its answer stored and replayed. The answer names its
 * example in `X-Sandbox-Example`; nothing else is read or written. Writing
 * the operation's handler makes it stateful.
 */
import type { CompiledOperation } from '../../validation/contract.js';
import { errors } from '../errors.js';
import type { Exchange, HeaderValues } from '../exchange.js';
import { type IdempotentWrite, REPLAYED_HEADER, type SuccessAnswer } from './idempotency.js';
import { documentedAnswer, EXAMPLE_HEADER, type PlanHeaders } from './prefer.js';

/** The example an operation without a handler answers: the first of its success response's examples. */
export interface SuccessExample extends SuccessAnswer {
  name: string;
  /** What a replay of its stored answer carries besides the stored body: the example's name. */
  replayHeaders: HeaderValues;
}

/** Found at start: an operation with neither a handler nor a success example cannot be served, and says so. */
export function successExample(operation: CompiledOperation): SuccessExample {
  const { status, examples } = operation.spec.success;
  const name = examples[0]?.name;
  if (name === undefined) {
    throw new Error(`${operation.spec.id} has no handler and documents no success example to answer with`);
  }
  return { status, name, replayHeaders: { [EXAMPLE_HEADER]: name } };
}

/** The status a handler's answer is sent with: the operation's success response's. */
export function successStatus(operation: CompiledOperation): SuccessAnswer {
  return { status: operation.spec.success.status };
}

export function serveExample(
  exchange: Exchange,
  operation: CompiledOperation,
  example: SuccessExample,
  plan: PlanHeaders,
  write: IdempotentWrite | undefined,
): void {
  const answer = documentedAnswer(exchange, operation, plan, String(example.status), example.name);
  write?.saveAnswer(answer.body);
  // As after a handler's write: the answer is stored, then the fault answers instead of it.
  if (exchange.failAfterCommit) exchange.fail(errors.internal());
  else exchange.send(answer.status, answer.body, withoutReplayMark(answer.headers));
}

/** A chosen answer shows every documented header, `Idempotent-Replayed` too; a first answer is no replay. */
function withoutReplayMark(headers: HeaderValues): HeaderValues {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== REPLAYED_HEADER));
}
