/**
 * The MCP server: `tools/list` answers the selected tools as generated from
 * the contract, `tools/call` runs one through the client. Built per
 * credential: over stdio once, over HTTP once per request, with that
 * request's key, so two users' calls never share a client.
 */
import type { FreddyClient } from '@freddy/client';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  type CallToolRequest,
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { contract } from '../generated/tools.js';
import { manifest } from './manifest.js';
import { argumentChecker } from './tools/arguments.js';
import { callTool } from './tools/call-tool.js';
import { toolDefinitions } from './tools/catalog.js';
import type { ToolDefinition } from './tools/definition.js';
import { callDeadlineMs, DEFAULT_ATTEMPT_TIMEOUT_MS } from './tools/timeouts.js';
import { WriteKeyMemory, type WriteKeys } from './tools/write-keys.js';

export interface FreddyMcpServerOptions {
  /** Every call goes through it, with its key, retries, timeouts and bounds. */
  client: FreddyClient;
  /** Default: every tool. */
  tools?: readonly ToolDefinition[];
  /**
   * The keys of this credential's writes whose outcome is not known, shared by every server made for
   * it (over HTTP, one per request: `WriteKeyMemory.for(key)` once per process). Default: this server's own.
   */
  writeKeys?: WriteKeys;
  /** The most a call may take, retries included (default: what the client's default attempts need, see timeouts.ts). */
  deadlineMs?: number;
}

// The SDK's Server checks every tools/call against the full schema and answers a malformed one -32602
// (invalid params), but only after the protocol layer has parsed it with the schema the handler is
// registered with, where a failure is -32603 (internal error). Registered with just the method, the
// malformed call reaches the SDK's check and gets the caller's error code.
const ToolsCallRequest = CallToolRequestSchema.pick({ method: true }).passthrough();

const INSTRUCTIONS = `Tools for the ${contract.title} (${contract.version}), one per operation, named by operation id. Arguments are checked against each tool's inputSchema before anything is sent. An API error is a result with isError: true that names the status, code, message, param and request id: read it, mend the arguments, call again. Writes are retried safely (one Idempotency-Key per call); a write whose outcome is unknown says so and names the idempotency_key to repeat it with.`;

// One for every server: over HTTP a server is made per request, and compiling a tool's schema costs
// more than checking a call against it.
const check = argumentChecker();

export function createFreddyMcpServer({
  client,
  tools = toolDefinitions,
  writeKeys = new WriteKeyMemory().for(''),
  deadlineMs = callDeadlineMs(DEFAULT_ATTEMPT_TIMEOUT_MS),
}: FreddyMcpServerOptions): Server {
  const server = new Server(
    { name: manifest.name, title: contract.title, version: manifest.version },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  // What tools/list shows: everything but how a call is routed.
  const listed: Tool[] = tools.map(({ call: _, ...tool }) => tool as Tool);

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));
  server.setRequestHandler(ToolsCallRequest, (request, extra) => {
    // The SDK's Server has checked the request against the full schema already (see ToolsCallRequest).
    const { name, arguments: args } = (request as CallToolRequest).params;
    const tool = byName.get(name);
    if (!tool) throw protocolError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    return callTool(tool, args, { client, check, writeKeys, deadlineMs, signal: extra.signal });
  });
  return server;
}

/**
 * A JSON-RPC error for the SDK to answer with, its message as written: the SDK sends an error's `code`
 * and `message`, and an `McpError`'s message already says "MCP error -32602: ", which the client's
 * `McpError` would say again.
 */
function protocolError(code: ErrorCode, message: string): Error & { code: ErrorCode } {
  return Object.assign(new Error(message), { code });
}
