#!/usr/bin/env node
/**
 * `freddy-sandbox`: runs the reference server until SIGINT or SIGTERM;
 * `freddy-sandbox keys create [--read-only]` issues a key in a data folder.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSandboxApp } from './app.js';
import { parseFaultRate, parseRateLimit, parseWholeNumber } from './cli-args.js';
import { sandboxContract } from './contract-document.js';
import { mcpBin, mcpHostConfig } from './mcp-host-config.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './options.js';
import { startSandbox } from './sandbox.js';

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
  -h, --help           show this help

  freddy-sandbox keys create [--read-only] [--org demo|other] [--data <dir>]
                       issue another key (printed once) in the data folder; a read-only key may
                       list and retrieve, and gets 403 on every write

Per request: Prefer: code=404 / example=<name> (or ?__sandbox_prefer=code=404) answers a documented
example; X-Sandbox-Fault: latency=<ms> | reset | error-after-commit | timeout injects a fault.
`;

async function main() {
  const { values, positionals } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'no-rate-limit': { type: 'boolean' },
      docs: { type: 'string' },
      mcp: { type: 'string' },
      seed: { type: 'string' },
      'fault-rate': { type: 'string' },
      'fault-seed': { type: 'string' },
      faults: { type: 'string' },
      'read-only': { type: 'boolean' },
      org: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length > 0) {
    if (positionals.join(' ') !== 'keys create') throw new Error(`unknown command "${positionals.join(' ')}"`);
    createKey(values.data, values['read-only'] === true, values.org);
    return;
  }
  if (values['read-only'] || values.org) throw new Error('--read-only and --org belong to "keys create"');
  // FREDDY_SANDBOX_PORT lets `pnpm start` (which goes through turbo) move the port without flags.
  const portText = values.port ?? process.env.FREDDY_SANDBOX_PORT;
  const port = portText === undefined || portText === '' ? DEFAULT_PORT : Number(portText);
  const mcp = values.mcp === undefined ? undefined : mcpBin(values.mcp);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port (or FREDDY_SANDBOX_PORT) must be 0–65535, not "${portText}"`);
  const sandbox = await startSandbox({
    port,
    host: values.host ?? DEFAULT_HOST,
    memory: values.memory ?? false,
    dataDir: values.memory ? undefined : resolve(values.data ?? '.data'),
    rateLimit: values['no-rate-limit']
      ? false
      : values['rate-limit']
        ? parseRateLimit(values['rate-limit'])
        : undefined,
    log: !values.quiet,
    docsDir: values.docs,
    ...(values.seed ? { seedFile: values.seed } : {}),
    ...(values['fault-rate'] !== undefined
      ? {
          faults: {
            rate: parseFaultRate(values['fault-rate']),
            ...(values['fault-seed'] !== undefined
              ? { seed: parseWholeNumber(values['fault-seed'], '--fault-seed') }
              : {}),
            ...(values.faults ? { faults: values.faults } : {}),
          },
        }
      : {}),
  });
  const { demo } = sandbox.credentials;
  const mcpConfig = mcp ? mcpHostConfig(mcp, { url: sandbox.url, apiKey: demo.apiKey }) : undefined;
  const origin = sandbox.url.slice(0, sandbox.url.length - new URL(sandbox.url).pathname.length);
  const lines = [
    '',
    `Freddy Threads API sandbox listening on ${sandbox.url}`,
    '',
    `  Demo API key:  ${demo.apiKey}`,
    `  Organization:  ${demo.organizationId}   User: ${demo.userId}`,
    values.docs
      ? existsSync(join(values.docs, 'index.html'))
        ? `  Docs:          ${origin}/docs/`
        : `  Docs:          not built yet (${resolve(values.docs)}); ${origin}/docs/ once it is`
      : undefined,
    values.memory ? '  Storage:       in memory' : `  Storage:       ${resolve(values.data ?? '.data')}`,
    values.seed ? `  Seed:          ${resolve(values.seed)}` : undefined,
    sandbox.faultSeed !== undefined
      ? `  Faults:        ${values['fault-rate']} of requests (repeat with --fault-seed ${sandbox.faultSeed})`
      : undefined,
    '',
    'Try it:',
    `  curl -s -H "Authorization: Bearer ${demo.apiKey}" ${sandbox.url}/threads`,
    '',
    ...(mcpConfig?.ok
      ? ['An agent host reaches it through MCP with this (its mcpServers setting):', indent(mcpConfig.json), '']
      : mcpConfig
        ? [`MCP: no host configuration from ${mcp} (${mcpConfig.reason}); \`pnpm build\` builds it`, '']
        : []),
  ].filter((line) => line !== undefined);
  process.stdout.write(`${lines.join('\n')}\n`);

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

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}

/** `keys create`: a new key for the demo (or other) organization of a data folder, printed once. */
function createKey(data: string | undefined, readOnly: boolean, org: string | undefined): void {
  if (org !== undefined && org !== 'demo' && org !== 'other')
    throw new Error(`--org must be demo or other, not "${org}"`);
  const dataDir = resolve(data ?? '.data');
  const app = createSandboxApp({ dataDir, rateLimit: false });
  try {
    const key = app.createKey({ readOnly, organization: org ?? 'demo' });
    process.stdout.write(
      `${readOnly ? 'Read-only key' : 'Key'} for ${key.organizationId} (${org ?? 'demo'}) in ${dataDir}:\n\n  ${key.apiKey}\n\n` +
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
