/**
 * The SDK's own `Client`, connected the ways a host connects: to the built
 * bin as a child process over stdio, to an HTTP endpoint, or in memory.
 */
import { fileURLToPath } from 'node:url';
import type { FreddyClient } from '@freddy/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createFreddyMcpServer, type FreddyMcpServerOptions } from '../../src/server.js';

export const binPath = fileURLToPath(new URL('../../bin/freddy-mcp.js', import.meta.url));

export interface Connected {
  client: Client;
  /** What the server wrote to stderr (stdio only). */
  stderr(): string;
  close(): Promise<void>;
}

function newClient(): Client {
  return new Client({ name: 'freddy-mcp-tests', version: '1.0.0' });
}

/** `node bin/freddy-mcp.js args…` with exactly `env` (and the SDK's default PATH and HOME). */
export async function connectStdio(env: Record<string, string>, args: string[] = []): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [binPath, ...args],
    env,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = newClient();
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** An MCP endpoint over HTTP, with an `Authorization` (or none) on every request. */
export async function connectHttp(url: string, authorization?: string): Promise<Connected> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(authorization ? { requestInit: { headers: { authorization } } } : {}),
  });
  const client = newClient();
  await client.connect(transport);
  return { client, stderr: () => '', close: () => client.close() };
}

/** A server in this process, through the SDK's in-memory transport, with the server's defaults unless `options` says otherwise. */
export async function connectInMemory(
  freddy: FreddyClient,
  options: Omit<FreddyMcpServerOptions, 'client'> = {},
): Promise<Connected> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = createFreddyMcpServer({ client: freddy, ...options });
  await server.connect(serverSide);
  const client = newClient();
  await client.connect(clientSide);
  return {
    client,
    stderr: () => '',
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** `tools/call`, typed as a tool result (the SDK's union also admits an old task shape). */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The result's text. */
export function text(result: CallToolResult): string {
  return result.content.map((item) => (item.type === 'text' ? item.text : '')).join('\n');
}
