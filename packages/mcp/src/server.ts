/**
 * The MCP server: `tools/list` answers the selected tools as generated from
 * the contract, `tools/call` runs one through the client; `prompts/list` and
 * `prompts/get` answer the guides that those tools can follow. Built per
 * credential: over stdio once, over HTTP once per request, with that
 * request's key, so two users' calls never share a client.
 */
import type { FreddyClient } from '@freddy/client';
import { ProtocolError, ProtocolErrorCode, Server, type Tool } from '@modelcontextprotocol/server';
import { contract } from '../generated/tools.js';
import { manifest } from './manifest.js';
import { listedPrompt, offeredPrompts, promptMessages } from './prompts/catalog.js';
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
    { capabilities: { tools: {}, prompts: {} }, instructions: INSTRUCTIONS },
  );
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  // What tools/list shows: everything but how a call is routed.
  const listed: Tool[] = tools.map(({ call: _, ...tool }) => tool as Tool);

  server.setRequestHandler('tools/list', () => ({ tools: listed }));
  server.setRequestHandler('tools/call', (request, ctx) => {
    const { name, arguments: args } = request.params;
    const tool = byName.get(name);
    if (!tool) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`);
    return callTool(tool, args, { client, check, writeKeys, deadlineMs, signal: ctx.mcpReq.signal });
  });

  // The guides, as prompts: only those whose every tool this server offers.
  const prompts = new Map(offeredPrompts(tools).map((prompt) => [prompt.name, prompt]));
  const listedPrompts = [...prompts.values()].map(listedPrompt);
  server.setRequestHandler('prompts/list', () => ({ prompts: listedPrompts }));
  server.setRequestHandler('prompts/get', (request) => {
    const prompt = prompts.get(request.params.name);
    if (!prompt) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown prompt: ${request.params.name}`);
    return promptMessages(prompt, request.params.arguments);
  });
  return server;
}
