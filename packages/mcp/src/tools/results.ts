/**
 * What a tool call answers. A success is the response body twice: as
 * `structuredContent` (valid against the tool's output schema) and as JSON
 * text, for hosts that read only text. Anything that went wrong is a result
 * with `isError: true` whose text says what an agent needs to mend its next
 * call; the protocol's own errors are kept for an unknown tool or a
 * malformed request.
 */
import { type FreddyApiError, FreddyConnectionError, FreddyError, FreddyTimeoutError } from '@freddy/client';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

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

/** A call that got no usable answer: no connection, a timeout after every retry, a redirect, a body too large. */
export function failureResult(error: unknown): CallToolResult {
  if (error instanceof FreddyTimeoutError)
    return errorResult(`The Freddy API did not answer in time: ${error.message}.`);
  if (error instanceof FreddyConnectionError) {
    const cause = error.cause instanceof Error ? ` (${causeOf(error.cause)})` : '';
    return errorResult(
      `The Freddy API could not be reached${cause}; the call was retried and may be tried again later.`,
    );
  }
  if (error instanceof FreddyError) return errorResult(`The call failed: ${error.message}.`);
  return errorResult('The call failed inside the MCP server; nothing more is known.');
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
