/**
 * The command line read into what to do, without doing any of it: the
 * arguments and the environment in, a `Command` out, or an Error saying what
 * is wrong. `cli.ts` carries it out.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultRate, parseRateLimit, parseWholeNumber } from './cli-args.js';
import { DEFAULT_HOST, DEFAULT_PORT, type SandboxOptions } from './options.js';
import type { TerminalLogLevel } from './terminal-log.js';

/** Where the CLI keeps its database unless told otherwise (relative to the working folder). */
const DEFAULT_DATA_DIR = '.data';

export type Organization = 'demo' | 'other';

/** What the CLI does beside the sandbox's options: its log, and what the banner says about the settings. */
export interface RunSettings {
  /** The terminal log: `info` (one line per API request), `debug` (the docs' files too), or none (`--quiet`). */
  logLevel: TerminalLogLevel | 'silent';
  /** The SQLite folder, resolved; undefined when in memory. */
  storage: string | undefined;
  docsDir?: string;
  mcpDir?: string;
  seedFile?: string;
  /** `--fault-rate` as typed. */
  faultRate?: string;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'keys'; dataDir: string; readOnly: boolean; organization: Organization }
  | { kind: 'run'; options: SandboxOptions; settings: RunSettings };

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
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
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

type Values = ReturnType<typeof parse>['values'];

export function readCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const { values, positionals } = parse(argv);
  if (values.help) return { kind: 'help' };
  if (positionals.length > 0) {
    if (positionals.join(' ') !== 'keys create') throw new Error(`unknown command "${positionals.join(' ')}"`);
    return {
      kind: 'keys',
      dataDir: resolve(values.data ?? DEFAULT_DATA_DIR),
      readOnly: values['read-only'] === true,
      organization: readOrganization(values.org),
    };
  }
  if (values['read-only'] || values.org) throw new Error('--read-only and --org belong to "keys create"');
  const storage = values.memory ? undefined : resolve(values.data ?? DEFAULT_DATA_DIR);
  return {
    kind: 'run',
    options: {
      port: readPort(values.port, env.FREDDY_SANDBOX_PORT),
      host: values.host ?? DEFAULT_HOST,
      memory: values.memory ?? false,
      dataDir: storage,
      rateLimit: readRateLimit(values),
      docsDir: values.docs,
      ...(values.seed ? { seedFile: values.seed } : {}),
      ...readFaults(values),
    },
    settings: {
      logLevel: values.quiet ? 'silent' : values.verbose ? 'debug' : 'info',
      storage,
      ...(values.docs !== undefined ? { docsDir: values.docs } : {}),
      ...(values.mcp !== undefined ? { mcpDir: values.mcp } : {}),
      ...(values.seed ? { seedFile: resolve(values.seed) } : {}),
      ...(values['fault-rate'] !== undefined ? { faultRate: values['fault-rate'] } : {}),
    },
  };
}

function readOrganization(org: string | undefined): Organization {
  if (org === undefined || org === 'demo' || org === 'other') return org ?? 'demo';
  throw new Error(`--org must be demo or other, not "${org}"`);
}

/** `--port`, else FREDDY_SANDBOX_PORT (so `pnpm start`, which goes through turbo, moves the port without flags). */
function readPort(flag: string | undefined, fromEnv: string | undefined): number {
  const text = flag ?? fromEnv;
  const port = text === undefined || text === '' ? DEFAULT_PORT : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port (or FREDDY_SANDBOX_PORT) must be 0–65535, not "${text}"`);
  }
  return port;
}

/** Off with `--no-rate-limit`; `--rate-limit` when given; else undefined, the contract's plan. */
function readRateLimit(values: Values): SandboxOptions['rateLimit'] {
  if (values['no-rate-limit']) return false;
  return values['rate-limit'] ? parseRateLimit(values['rate-limit']) : undefined;
}

/** The chaos run `--fault-rate`, `--fault-seed` and `--faults` ask for; none without a rate. */
function readFaults(values: Values): Pick<SandboxOptions, 'faults'> {
  if (values['fault-rate'] === undefined) return {};
  const seed = values['fault-seed'];
  return {
    faults: {
      rate: parseFaultRate(values['fault-rate']),
      ...(seed !== undefined ? { seed: parseWholeNumber(seed, '--fault-seed') } : {}),
      ...(values.faults ? { faults: values.faults } : {}),
    },
  };
}

/** Why the sandbox could not start, said so that the user knows what to change. */
export function startFailure(error: unknown, options: Pick<SandboxOptions, 'port' | 'host'>): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `port ${options.port ?? DEFAULT_PORT} on ${options.host ?? DEFAULT_HOST}`;
  const another = 'pick another with --port <n>, or FREDDY_SANDBOX_PORT=<n> pnpm start (0 picks a free one)';
  if (code === 'EADDRINUSE') return new Error(`${where} is in use (another sandbox?); ${another}`);
  if (code === 'EACCES') return new Error(`${where} needs privileges this process lacks; ${another}`);
  if (code === 'EADDRNOTAVAIL') return new Error(`${options.host} is not an address of this machine; see --host`);
  return error instanceof Error ? error : new Error(String(error));
}
