/** One tool call: its arguments checked, then sent through `@freddy/client`, its answer made a result. */
import { randomUUID } from 'node:crypto';
import { ConflictError, FreddyApiError, type FreddyClient, FreddyError } from '@freddy/client';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ArgumentCheck } from './arguments.js';
import { startDeadline } from './deadlines.js';
import type { ToolDefinition } from './definition.js';
import {
  apiErrorResult,
  failureResult,
  invalidArgumentsResult,
  successResult,
  unknownOutcomeResult,
} from './results.js';
import type { WriteKeys } from './write-keys.js';

export interface CallContext {
  client: FreddyClient;
  check: (tool: ToolDefinition, args: Record<string, unknown> | undefined) => ArgumentCheck;
  /** The keys of this credential's writes whose outcome is not known. */
  writeKeys: WriteKeys;
  /** The most the call may take, retries included; then it is answered as it stands. */
  deadlineMs: number;
  /** The host cancelled the call (`notifications/cancelled`): the client stops, retries and all. */
  signal?: AbortSignal;
}

/** A deadline of the call, not the host's cancel. */
class CallDeadline extends Error {
  override readonly name = 'CallDeadline';
}

export async function callTool(
  tool: ToolDefinition,
  args: Record<string, unknown> | undefined,
  { client, check, writeKeys, deadlineMs, signal }: CallContext,
): Promise<CallToolResult> {
  const checked = check(tool, args);
  if (!checked.ok) return invalidArgumentsResult(tool.name, checked.problems);
  const write = !('readOnlyHint' in tool.annotations);
  // A write that takes a key sends the agent's, else the key of an identical call whose outcome is not
  // known, else a fresh one; until it has its answer, an identical call reuses it.
  const key = takesIdempotencyKey(tool)
    ? (checked.idempotencyKey ?? writeKeys.find(tool.name, checked.identity) ?? randomUUID())
    : undefined;
  if (key) writeKeys.remember(tool.name, checked.identity, key);

  // One controller for the call, aborted by its deadline or by the host's cancel (cheaper than
  // AbortSignal.any, which costs a measurable part of a call).
  const deadline = new AbortController();
  const stopDeadline = startDeadline(deadlineMs, () =>
    deadline.abort(new CallDeadline(`no answer within ${deadlineMs} ms`)),
  );
  const onCancel = () => deadline.abort(signal?.reason);
  signal?.addEventListener('abort', onCancel, { once: true });
  if (signal?.aborted) onCancel();
  const callSignal = deadline.signal;
  try {
    // Any operation by its id: the client routes it by the contract's table, with the key on every
    // retry. The arguments were checked against the contract's own schema for this operation.
    const body = await client.call(
      tool.call.operationId as Parameters<FreddyClient['call']>[0],
      checked.params as never,
      { signal: callSignal, ...(key ? { idempotencyKey: key } : {}) },
    );
    if (key) writeKeys.settled(tool.name, checked.identity);
    return successResult(body);
  } catch (error) {
    // The host gave up on the call: no one reads a result. A write's key stays for its repeat.
    if (signal?.aborted) throw error;
    const cause = deadline.signal.reason instanceof CallDeadline ? deadline.signal.reason : error;
    if (write && outcomeUnknown(cause)) {
      return unknownOutcomeResult(
        tool,
        cause,
        key,
        'idempotentHint' in tool.annotations && tool.annotations.idempotentHint,
      );
    }
    if (key) writeKeys.settled(tool.name, checked.identity);
    return cause instanceof FreddyApiError ? apiErrorResult(cause) : failureResult(cause);
  } finally {
    stopDeadline();
    signal?.removeEventListener('abort', onCancel);
  }
}

function takesIdempotencyKey(tool: ToolDefinition): boolean {
  return Object.values(tool.call.arguments).includes('idempotencyKey');
}

/**
 * Whether a write may have been done although no success came back: no answer at all (a lost
 * connection, a timeout, the call's deadline), a 5xx, a 409 for its key still running, or a 2xx the
 * client could not read. An API error below 500 is an answer: the write was refused.
 */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof FreddyApiError) return error.status >= 500 || error instanceof ConflictError;
  return error instanceof CallDeadline || error instanceof FreddyError;
}
