/**
 * What a tool call answers. A success is the response body twice: as
 * `structuredContent` (valid against the tool's output schema) and as JSON
 * text, for hosts that read only text. Anything that went wrong is a result
 * with `isError: true` whose text says what an agent needs to mend its next
 * call; the protocol's own errors are kept for an unknown tool or a
 * malformed request.
 */
import { ConflictError, FreddyApiError, FreddyConnectionError, FreddyError, FreddyTimeoutError } from '@freddy/client';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ToolDefinition } from './definition.js';
import { WRITE_KEY_LIFETIME_MS } from './write-keys.js';

export function successResult(body: unknown): CallToolResult {
  const text = JSON.stringify(body);
  return {
    content: [{ type: 'text', text }],
    // The output schemas are object schemas, and every success body of the contract is an object.
    ...(isObject(body) ? { structuredContent: body } : {}),
  };
}

export function invalidArgumentsResult(tool: string, problems: string[]): CallToolResult {
  return errorResult(`Invalid arguments for ${tool}, so nothing was sent: ${problems.join('; ')}.`);
}

/** The error's text, then its fields as JSON: status, code, type, message, param, request id. */
export function apiErrorResult(error: FreddyApiError): CallToolResult {
  const { status, code, type, param, requestId } = error;
  const message = error.message.replace(/^\d+(?: \S+)?: /, '');
  const line = [
    `The Freddy API answered ${status}${code ? ` ${code}` : ''}: ${message}`,
    param ? ` (param: ${param})` : '',
    requestId ? ` [request id ${requestId}]` : '',
  ].join('');
  const fields = {
    status,
    code: code ?? null,
    type: type ?? null,
    message,
    param: param ?? null,
    requestId: requestId ?? null,
  };
  return errorResult(`${line}\n${JSON.stringify({ error: fields })}`);
}

/** A read, or a write refused before it was sent, that got no usable answer: nothing was changed. */
export function failureResult(error: unknown): CallToolResult {
  if (error instanceof FreddyTimeoutError)
    return errorResult(
      `The Freddy API did not answer in time (${lowerFirst(error.message)}); nothing was changed, and the call may be made again.`,
    );
  if (error instanceof FreddyConnectionError)
    return errorResult(
      `The Freddy API could not be reached (${connectionCause(error)}); nothing was changed, and the call may be made again.`,
    );
  if (error instanceof FreddyError) return errorResult(`The call failed: ${error.message}.`);
  if (error instanceof Error && error.name === 'CallDeadline')
    return errorResult(
      `The Freddy API did not answer in time (${error.message}); nothing was changed, and the call may be made again.`,
    );
  return errorResult('The call failed inside the MCP server; nothing more is known.');
}

/**
 * A write that may have been done: it was sent, and no answer came back that says whether it was (a
 * lost connection, a timeout, a 5xx, the call's deadline). The result says so, and how to repeat it
 * safely: with its key (which this server also reuses by itself for the identical call), or, without
 * a key, as its idempotency allows.
 */
export function unknownOutcomeResult(
  tool: ToolDefinition,
  error: unknown,
  key: string | undefined,
  idempotent: boolean,
): CallToolResult {
  const what = `The outcome is unknown: ${whatHappened(error)}, so ${tool.name} may have been done.`;
  const retry = key
    ? `To retry it safely, call ${tool.name} again with the same arguments and "idempotency_key": "${key}": the API does the write at most once for a key, and answers as it did the first time if it was done. (Called again here with the same arguments within ${WRITE_KEY_LIFETIME_MS / 3_600_000} h, without a key, this server sends that key by itself.)`
    : idempotent
      ? `It is safe to call ${tool.name} again with the same arguments: a repeat leaves things as one call does.`
      : `Before calling ${tool.name} again, check with a tool that reads whether it was done: a repeat could do it twice.`;
  const fields = { outcome: 'unknown', idempotency_key: key ?? null, cause: whatHappened(error) };
  return errorResult(`${what} ${retry}\n${JSON.stringify({ error: fields })}`);
}

function whatHappened(error: unknown): string {
  if (error instanceof FreddyTimeoutError)
    return `the request was sent, and no answer came (${lowerFirst(error.message)}, on every attempt)`;
  if (error instanceof FreddyConnectionError)
    return `the connection was lost after the request was sent (${connectionCause(error)})`;
  if (error instanceof ConflictError)
    return 'the API answered 409: the same write, with the same key, is still running';
  if (error instanceof FreddyApiError) return `the API answered ${error.message}`;
  if (error instanceof FreddyError) return `the answer could not be read (${lowerFirst(error.message)})`;
  if (error instanceof Error && error.name === 'CallDeadline') return `the request was sent, and ${error.message}`;
  return 'the call failed inside the MCP server';
}

function connectionCause(error: FreddyConnectionError): string {
  return error.cause instanceof Error ? causeOf(error.cause) : lowerFirst(error.message);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** undici puts the reason (ECONNREFUSED, …) in the cause's cause. */
function causeOf(error: Error): string {
  const inner = error.cause instanceof Error ? error.cause : undefined;
  return inner ? `${error.message}: ${inner.message}` : error.message;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
