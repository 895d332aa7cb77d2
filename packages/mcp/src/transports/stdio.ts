/** stdio, the default: one server on this process's stdin and stdout, for either protocol era, until stdin ends. */
import type { Server } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

export function runStdio(serverFor: () => Server): void {
  const handle = serveStdio(serverFor);
  // The host closing our stdin is how it stops us; idle keep-alive sockets must not keep us running.
  process.stdin.once('end', () => {
    void handle.close().finally(() => process.exit(0));
  });
}
