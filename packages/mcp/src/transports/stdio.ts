/** stdio, the default: one server on this process's stdin and stdout, until stdin ends. */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

export async function runStdio(server: Server): Promise<void> {
  const transport = new StdioServerTransport();
  // The host closing our stdin is how it stops us; idle keep-alive sockets must not keep us running.
  process.stdin.once('end', () => {
    void server.close().finally(() => process.exit(0));
  });
  await server.connect(transport);
}
