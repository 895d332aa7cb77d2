#!/usr/bin/env node
/** `freddy-sandbox`: runs the reference server until SIGINT or SIGTERM. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeContract } from '@freddy/spec';
import { parseRateLimit } from './cli-args.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './options.js';
import { startSandbox } from './sandbox.js';

const { rateLimit } = describeContract().limits;

const HELP = `freddy-sandbox: the Freddy Threads API, running locally on SQLite.

Usage: freddy-sandbox [options]

  --port <n>           port to listen on (default $FREDDY_SANDBOX_PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --host <addr>        address to listen on (default ${DEFAULT_HOST})
  --data <dir>         keep the SQLite database (and the demo key) in this folder (default ./.data)
  --memory             keep everything in memory; nothing survives a restart
  --rate-limit <n/w>   requests per key per window, e.g. 100/60s, 1000/1m (default ${rateLimit.limit}/${rateLimit.windowSeconds}s, the contract's)
  --no-rate-limit      turn rate limiting off
  --docs <dir>         serve this static folder at /docs/
  --quiet              no request log lines
  -h, --help           show this help
`;

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'no-rate-limit': { type: 'boolean' },
      docs: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  // FREDDY_SANDBOX_PORT lets `pnpm start` (which goes through turbo) move the port without flags.
  const portText = values.port ?? process.env.FREDDY_SANDBOX_PORT;
  const port = portText === undefined || portText === '' ? DEFAULT_PORT : Number(portText);
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
  });
  const { demo } = sandbox.credentials;
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
    '',
    'Try it:',
    `  curl -s -H "Authorization: Bearer ${demo.apiKey}" ${sandbox.url}/threads`,
    '',
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

main().catch((error: unknown) => {
  console.error(`freddy-sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
