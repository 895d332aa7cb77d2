#!/usr/bin/env node
/**
 * `freddy-sandbox`: runs the reference server until SIGINT or SIGTERM;
 * `freddy-sandbox keys create [--read-only]` issues a key in a data folder.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createSandboxApp } from './app.js';
import { banner, type DocsFolder } from './banner.js';
import { type Organization, readCommand, startFailure } from './cli-command.js';
import { sandboxContract } from './contract-document.js';
import { mcpBin, mcpHostConfig } from './mcp-host-config.js';
import { DEFAULT_HOST, DEFAULT_PORT, type Sandbox } from './options.js';
import { startSandbox } from './sandbox.js';
import { terminalLogger } from './terminal-log.js';

const { rateLimit } = sandboxContract().limits;

const HELP = `freddy-sandbox: the Freddy Threads API, running locally on SQLite.

Usage: freddy-sandbox [options]

  --port <n>           port to listen on (default $FREDDY_SANDBOX_PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --host <addr>        address to listen on (default ${DEFAULT_HOST})
  --data <dir>         keep the SQLite database (and the demo key) in this folder (default ./.data)
  --memory             keep everything in memory; nothing survives a restart
  --rate-limit <n/w>   requests per key per window, e.g. 100/60s, 1000/1m (default ${rateLimit.limit}/${rateLimit.windowSeconds}s, the contract's)
  --no-rate-limit      turn rate limiting off
  --docs <dir>         serve this static folder at /docs/
  --mcp <dir>          print an agent host's mcpServers entry for the @freddy/mcp in this folder,
                       pointing at this sandbox with the demo key
  --seed <file>        load these threads at start and on every POST /_sandbox/reset (JSON: an
                       array of createThread bodies, or { "demo": [...], "other": [...] })
  --fault-rate <p>     chaos run: this share of requests (0–1) gets a fault (default off)
  --fault-seed <n>     seed of the fault generator, to repeat a run (default random, printed)
  --faults <list>      the faults a chaos run picks from (default latency=1000,reset,error-after-commit)
  --quiet              no request log lines
  --verbose            log the docs' files too, not only the API requests
  -h, --help           show this help

  freddy-sandbox keys create [--read-only] [--org demo|other] [--data <dir>]
                       issue another key (printed once) in the data folder; a read-only key may
                       list and retrieve, and gets 403 on every write

Per request: Prefer: code=404 / example=<name> (or ?__sandbox_prefer=code=404) answers a documented
example; X-Sandbox-Fault: latency=<ms> | reset | error-after-commit | timeout injects a fault.
`;

async function main(): Promise<void> {
  const command = readCommand(process.argv.slice(2), process.env);
  if (command.kind === 'help') return void process.stdout.write(HELP);
  if (command.kind === 'keys') return createKey(command);
  const { options, settings } = command;
  // A folder that is no MCP server is refused before the sandbox starts.
  const bin = settings.mcpDir === undefined ? undefined : mcpBin(settings.mcpDir);
  const log = settings.logLevel === 'silent' ? false : terminalLogger(process.stdout, settings.logLevel);
  const sandbox = await startSandbox({ ...options, log }).catch((error: unknown) => {
    throw startFailure(error, options);
  });
  const { demo } = sandbox.credentials;
  process.stdout.write(
    banner({
      url: sandbox.url,
      demo,
      settings,
      tryPath: tryPath(),
      ...(settings.docsDir === undefined ? {} : { docs: docsState(settings.docsDir) }),
      ...(sandbox.faultSeed === undefined ? {} : { faultSeed: sandbox.faultSeed }),
      exampleServed: sandbox.exampleServed,
      ...(bin ? { mcp: { bin, config: mcpHostConfig(bin, { url: sandbox.url, apiKey: demo.apiKey }) } } : {}),
    }),
  );
  stopOnSignals(sandbox);
}

/** A list the demo key may read with a bare GET: the contract's first GET without path parameters. */
function tryPath(): string {
  const list = sandboxContract().operations.find((op) => op.method === 'GET' && op.template.names.length === 0);
  return list?.path ?? '/';
}

function docsState(dir: string): DocsFolder {
  const has = (file: string) => existsSync(join(dir, file));
  return { path: resolve(dir), built: has('index.html'), console: has('console/index.html'), llms: has('llms.txt') };
}

/** SIGINT and SIGTERM let in-flight requests finish and close the database, once. */
function stopOnSignals(sandbox: Sandbox): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: finishing in-flight requests, closing the database…\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** `keys create`: a new key for the demo (or other) organization of a data folder, printed once. */
function createKey({
  dataDir,
  readOnly,
  organization,
}: {
  dataDir: string;
  readOnly: boolean;
  organization: Organization;
}): void {
  const app = createSandboxApp({ dataDir, rateLimit: false });
  try {
    const key = app.createKey({ readOnly, organization });
    process.stdout.write(
      `${readOnly ? 'Read-only key' : 'Key'} for ${key.organizationId} (${organization}) in ${dataDir}:\n\n  ${key.apiKey}\n\n` +
        'It is shown once; the database keeps only its hash.\n',
    );
  } finally {
    app.close();
  }
}

main().catch((error: unknown) => {
  console.error(`freddy-sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
