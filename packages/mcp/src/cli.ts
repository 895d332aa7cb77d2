/**
 * `freddy-mcp`: the Freddy Threads API's tools for an agent host, over stdio
 * (the default) or Streamable HTTP (`--http`). Nothing but the protocol goes
 * to stdout; one line about the server, and any error, to stderr.
 */
import { createFreddyClient, type Logger } from '@freddy/client';
import { type Config, ConfigError, DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, ENVIRONMENT, readCommand } from './config.js';
import { hostConfig } from './host-config.js';
import { manifest } from './manifest.js';
import { createFreddyMcpServer } from './server.js';
import { selectTools, ToolSelectionError } from './tools/catalog.js';
import { callDeadlineMs, MAX_RETRIES } from './tools/timeouts.js';
import { WriteKeyMemory } from './tools/write-keys.js';
import { startHttp } from './transports/http.js';
import { runStdio } from './transports/stdio.js';

const HELP = `freddy-mcp: the Freddy Threads API as MCP tools, one per operation.

Usage: freddy-mcp [options]

Environment:
${environmentHelp()}

Options:
  --read-only           offer only the tools that change nothing
  --tools <a,b>         offer only these tools
  --http                serve Streamable HTTP at /mcp instead of stdio (stateless; an
                        Authorization: Bearer on a request is the Freddy key for its calls)
  --port <n>            with --http (default ${DEFAULT_HTTP_PORT}; 0 picks a free one)
  --host <addr>         with --http (default ${DEFAULT_HTTP_HOST})
  --allowed-origins <o> with --http: browser origins that may call, e.g. http://localhost:6274
  --print-config        print an agent host's mcpServers entry for these settings, and stop
  -h, --help            show this help
  --version             show the version
`;

/** The environment variables, from the one list of them, each wrapped under its name. */
function environmentHelp(): string {
  return Object.entries(ENVIRONMENT)
    .map(([name, variable]) => {
      const notes = [
        'required' in variable ? 'required' : '',
        'default' in variable ? `default ${variable.default}` : '',
      ].filter(Boolean);
      const text = `${variable.description}${notes.length ? ` (${notes.join('; ')})` : ''}`;
      const lines: string[] = [];
      for (const word of text.split(' ')) {
        const last = lines.at(-1);
        if (last !== undefined && `${last} ${word}`.length <= 70) lines[lines.length - 1] = `${last} ${word}`;
        else lines.push(word);
      }
      return lines.map((line, i) => `  ${(i === 0 ? name : '').padEnd(21)} ${line}`).join('\n');
    })
    .join('\n');
}

// Lines for stderr only: stdout carries the protocol.
const stderr: Logger = {
  debug: (line) => process.stderr.write(`${line}\n`),
  info: (line) => process.stderr.write(`${line}\n`),
  warn: (line) => process.stderr.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
};

async function main(): Promise<void> {
  const command = readCommand(process.argv.slice(2), process.env);
  if (command.kind === 'help') return void process.stdout.write(HELP);
  if (command.kind === 'version') return void process.stdout.write(`${manifest.version}\n`);
  const { config } = command;
  const tools = selectTools({ readOnly: config.readOnly, ...(config.tools ? { names: config.tools } : {}) });
  if (config.printConfig) return void process.stdout.write(`${JSON.stringify(hostConfig(config), null, 2)}\n`);

  // One memory of unsettled writes for the process, each credential's apart: over HTTP a server is made per request.
  const writeKeys = new WriteKeyMemory();
  const serverFor = (apiKey: string) =>
    createFreddyMcpServer({
      client: createFreddyClient({
        apiKey,
        ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
        timeoutMs: config.timeoutMs,
        maxRetries: MAX_RETRIES,
        logger: stderr,
      }),
      tools,
      writeKeys: writeKeys.for(apiKey),
      deadlineMs: callDeadlineMs(config.timeoutMs),
    });
  const calling = config.baseUrl ?? "the contract's hosts";
  if (config.transport.kind === 'stdio') {
    runStdio(() => serverFor(config.apiKey));
    note(config, `${tools.length} tools on stdio, calling ${calling}`);
    return;
  }
  const { port, host, allowedOrigins } = config.transport;
  const http = await startHttp({ port, host, allowedOrigins, apiKey: config.apiKey, serverFor });
  note(config, `${tools.length} tools at ${http.url}, calling ${calling}`);
  const stop = () => void http.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function note(config: Config, line: string): void {
  process.stderr.write(
    `freddy-mcp ${manifest.version} (node ${process.version}): ${line}${config.readOnly ? ' (read-only)' : ''}\n`,
  );
}

main().catch((error: unknown) => {
  // A configuration the user must fix gets its one line; anything else, its message, never a stack.
  const known = error instanceof ConfigError || error instanceof ToolSelectionError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`freddy-mcp: ${known ? message : `could not start: ${message}`}\n`);
  process.exit(1);
});
