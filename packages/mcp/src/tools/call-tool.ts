/** One tool call: its arguments checked, then sent through `@freddy/client`, its answer made a result. */
import { FreddyApiError, type FreddyClient } from '@freddy/client';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ArgumentCheck } from './arguments.js';
import type { ToolDefinition } from './definition.js';
import { apiErrorResult, failureResult, invalidArgumentsResult, successResult } from './results.js';

export interface CallContext {
  client: FreddyClient;
  check: (tool: ToolDefinition, args: Record<string, unknown> | undefined) => ArgumentCheck;
  /** The host cancelled the call (`notifications/cancelled`): the client stops, retries and all. */
  signal?: AbortSignal;
}

export async function callTool(
  tool: ToolDefinition,
  args: Record<string, unknown> | undefined,
  { client, check, signal }: CallContext,
): Promise<CallToolResult> {
  const checked = check(tool, args);
  if (!checked.ok) return invalidArgumentsResult(tool.name, checked.problems);
  try {
    // Any operation by its id: the client routes it by the contract's table, with one Idempotency-Key
    // per write, reused on each retry. The arguments were checked against the contract's own schema
    // for this operation, so they are its parameters.
    const body = await client.call(
      tool.call.operationId as Parameters<FreddyClient['call']>[0],
      checked.params as never,
      signal ? { signal } : undefined,
    );
    return successResult(body);
  } catch (error) {
    if (signal?.aborted) throw error;
    return error instanceof FreddyApiError ? apiErrorResult(error) : failureResult(error);
  }
}
