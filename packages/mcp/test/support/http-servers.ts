/** `freddy-mcp --http` in this process, on a free port of 127.0.0.1, as the bin wires it. */
import { createFreddyClient } from '@freddy/client';
import { createFreddyMcpServer } from '../../src/server.js';
import { WriteKeyMemory } from '../../src/tools/write-keys.js';
import { type HttpOptions, type RunningHttp, startHttp } from '../../src/transports/http.js';

export interface HttpServerOptions {
  apiKey: string;
  baseUrl: string;
  allowedOrigins?: string[];
  host?: string;
  slowClientLimits?: HttpOptions['slowClientLimits'];
}

const running = new Set<RunningHttp>();

export async function startMcpHttp({
  apiKey,
  baseUrl,
  allowedOrigins = [],
  host = '127.0.0.1',
  slowClientLimits,
}: HttpServerOptions) {
  const writeKeys = new WriteKeyMemory();
  const http = await startHttp({
    port: 0,
    host,
    allowedOrigins,
    apiKey,
    ...(slowClientLimits ? { slowClientLimits } : {}),
    serverFor: (key) =>
      createFreddyMcpServer({ client: createFreddyClient({ apiKey: key, baseUrl }), writeKeys: writeKeys.for(key) }),
  });
  running.add(http);
  return http;
}

/** Closes every server this file started (an `afterAll`). */
export async function closeMcpHttpServers(): Promise<void> {
  for (const http of running) await http.close();
  running.clear();
}

/** A JSON-RPC `initialize` as a client sends it first. */
export const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

/** The headers Streamable HTTP asks of a POST. */
export const mcpHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
