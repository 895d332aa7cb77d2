/**
 * The SDK's own clients, connected the ways a host connects: to the built
 * bin as a child process over stdio, to an HTTP endpoint, or in process.
 * Two eras: `modern`, the SDK v2 `Client` pinned to the 2026-07-28 revision
 * (`server/discover`, no `initialize`); `legacy`, the SDK v1 `Client`, a
 * 2025-era client as hosts ship it today (`initialize`, 2025-11-25).
 */
import { fileURLToPath } from 'node:url';
import type { FreddyClient } from '@freddy/client';
import {
  Client,
  type CallToolResult as ModernCallToolResult,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as LegacyHttpClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { createFreddyMcpServer, type FreddyMcpServerOptions } from '../../src/server.js';
import { WriteKeyMemory } from '../../src/tools/write-keys.js';

export const binPath = fileURLToPath(new URL('../../bin/freddy-mcp.js', import.meta.url));

export type Era = 'modern' | 'legacy';
export const ERAS: readonly Era[] = ['modern', 'legacy'];
export const MODERN_REVISION = '2026-07-28';

export type CallToolResult = ModernCallToolResult;

/** What the tests ask of a client, whichever SDK line made it. */
export interface McpClient {
  listTools(): Promise<{
    tools: {
      name: string;
      title?: string;
      inputSchema: Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };
      outputSchema?: Record<string, unknown>;
      annotations?: Record<string, unknown>;
    }[];
  }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<unknown>;
  getServerVersion(): { name: string; version: string } | undefined;
}

export interface Connected {
  era: Era;
  client: McpClient;
  /** A request as written, malformed or not: what a sloppy client sends. */
  rawRequest(method: string, params: unknown): Promise<unknown>;
  /** The protocol revision the connection speaks. */
  protocolVersion(): string | undefined;
  /** What the server wrote to stderr (stdio only). */
  stderr(): string;
  close(): Promise<void>;
}

const info = { name: 'freddy-mcp-tests', version: '1.0.0' };

function modern(): Client {
  return new Client(info, { versionNegotiation: { mode: { pin: MODERN_REVISION } } });
}

function wrapModern(client: Client, stderr: () => string, close: () => Promise<void>): Connected {
  return {
    era: 'modern',
    client: client as unknown as McpClient,
    rawRequest: (method, params) => client.request({ method, params } as never),
    protocolVersion: () => client.getNegotiatedProtocolVersion(),
    stderr,
    close,
  };
}

function wrapLegacy(client: LegacyClient, stderr: () => string): Connected {
  return {
    era: 'legacy',
    client: client as unknown as McpClient,
    rawRequest: (method, params) => client.request({ method, params } as never, CallToolResultSchema),
    protocolVersion: () => (client.transport as { protocolVersion?: string } | undefined)?.protocolVersion,
    stderr,
    close: () => client.close(),
  };
}

/** `node bin/freddy-mcp.js args…` with exactly `env` (and the SDK's default PATH and HOME). */
export async function connectStdio(
  env: Record<string, string>,
  args: string[] = [],
  era: Era = 'modern',
): Promise<Connected> {
  const params = { command: process.execPath, args: [binPath, ...args], env, stderr: 'pipe' as const };
  let stderr = '';
  const collect = (chunk: Buffer) => {
    stderr += chunk.toString();
  };
  if (era === 'legacy') {
    const transport = new LegacyStdioClientTransport(params);
    transport.stderr?.on('data', collect);
    const client = new LegacyClient(info);
    await client.connect(transport);
    return wrapLegacy(client, () => stderr);
  }
  const transport = new StdioClientTransport(params);
  transport.stderr?.on('data', collect);
  const client = modern();
  await client.connect(transport);
  return wrapModern(
    client,
    () => stderr,
    () => client.close(),
  );
}

/** An MCP endpoint over HTTP, with an `Authorization` (or none) on every request. */
export async function connectHttp(url: string, authorization?: string, era: Era = 'modern'): Promise<Connected> {
  const requestInit = authorization ? { requestInit: { headers: { authorization } } } : {};
  if (era === 'legacy') {
    const client = new LegacyClient(info);
    await client.connect(new LegacyHttpClientTransport(new URL(url), requestInit));
    return wrapLegacy(client, () => '');
  }
  const client = modern();
  await client.connect(new StreamableHTTPClientTransport(new URL(url), requestInit));
  return wrapModern(
    client,
    () => '',
    () => client.close(),
  );
}

/**
 * A server in this process, served by the SDK's HTTP handler through its `fetch` (no socket): the
 * in-process entry for the 2026-07-28 revision. The server's defaults unless `options` says otherwise.
 */
export async function connectInMemory(
  freddy: FreddyClient,
  options: Omit<FreddyMcpServerOptions, 'client'> = {},
): Promise<Connected & { client: Client }> {
  // A server per request, as over HTTP: they share one memory of unsettled writes, as the bin's do.
  const writeKeys = options.writeKeys ?? new WriteKeyMemory().for('in-process');
  const handler = createMcpHandler(() => createFreddyMcpServer({ client: freddy, ...options, writeKeys }));
  const client = modern();
  await client.connect(
    new StreamableHTTPClientTransport(new URL('http://in-process.test/mcp'), {
      fetch: (url, init) => handler.fetch(new Request(url, init)),
    }),
  );
  const connected = wrapModern(
    client,
    () => '',
    async () => {
      await client.close();
      await handler.close();
    },
  );
  return { ...connected, client };
}

/** `tools/call`, typed as a tool result. */
export async function call(
  client: McpClient,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The result's text. */
export function text(result: CallToolResult): string {
  return result.content.map((item) => (item.type === 'text' ? item.text : '')).join('\n');
}
