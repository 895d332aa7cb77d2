/**
 * The command line and environment, read once into a configuration, or
 * refused with one line saying what to fix. The key is read from the
 * environment only: a flag would show it in the process list.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, HOST_REQUEST_TIMEOUT_MS, MAX_RETRIES, SLACK_MS } from './tools/timeouts.js';

export const DEFAULT_HTTP_PORT = 4011;
export const DEFAULT_HTTP_HOST = '127.0.0.1';

/** One environment variable the server reads, as `--help` and the MCP Registry's `server.json` describe it. */
export interface EnvironmentVariable {
  description: string;
  required?: boolean;
  /** A credential: hosts keep it out of sight. */
  secret?: boolean;
  default?: string;
  format?: 'string' | 'number';
}

/**
 * Every environment variable the server reads (`FREDDY_LOG` through
 * `@freddy/client`): `--help` and `server.json` are made from this list, and
 * a test finds every variable the code reads in it.
 */
export const ENVIRONMENT = {
  FREDDY_API_KEY: { description: 'Your Freddy API key (ak_…).', required: true, secret: true },
  FREDDY_BASE_URL: {
    description:
      "Send every call here, e.g. http://127.0.0.1:4010/v1 for the sandbox (default: each operation's host from the contract).",
  },
  FREDDY_TIMEOUT_MS: {
    description: `Each API attempt's timeout in ms; a call makes up to ${MAX_RETRIES + 1} and is answered within ${MAX_RETRIES + 1} of them and ${SLACK_MS / 1000} s: keep that under your host's request timeout (${HOST_REQUEST_TIMEOUT_MS / 1000} s by default).`,
    default: String(DEFAULT_ATTEMPT_TIMEOUT_MS),
    format: 'number',
  },
  FREDDY_LOG: {
    description:
      'debug: log each attempt, status and retry of the API calls to stderr (never a header, a body or the key).',
  },
} as const satisfies Record<string, EnvironmentVariable>;

type Transport = { kind: 'stdio' } | { kind: 'http'; port: number; host: string; allowedOrigins: string[] };

export interface Config {
  apiKey: string;
  /** Every operation goes here when set; else each to its host from the contract, as the client does. */
  baseUrl?: string;
  /** `FREDDY_TIMEOUT_MS`: each API attempt's timeout. */
  timeoutMs: number;
  readOnly: boolean;
  /** `--tools a,b`; undefined means every tool. */
  tools?: string[];
  transport: Transport;
  /** `--print-config`: write an agent host's `mcpServers` entry for this configuration, and stop. */
  printConfig: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; config: Config };

/** A configuration that cannot run; its message is the one line the user sees. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    // node's own messages name the flag: "Unknown option '--nope'".
    throw new ConfigError(`${(error as Error).message.split('. ')[0]}; see --help`);
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const apiKey = env.FREDDY_API_KEY?.trim();
  if (!apiKey) throw new ConfigError('FREDDY_API_KEY is not set: set it to your Freddy API key (ak_…)');
  const baseUrl = readBaseUrl(env.FREDDY_BASE_URL);
  const timeoutMs = readTimeout(env.FREDDY_TIMEOUT_MS);
  const tools = values.tools
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (values.tools !== undefined && !tools?.length) throw new ConfigError('--tools names no tool; give a,b');

  if (
    !values.http &&
    (values.port !== undefined || values.host !== undefined || values['allowed-origins'] !== undefined)
  ) {
    throw new ConfigError('--port, --host and --allowed-origins belong to --http');
  }
  if (values.http && values['print-config'])
    throw new ConfigError('--print-config writes a stdio entry; leave out --http');
  const transport: Transport = values.http
    ? {
        kind: 'http',
        port: readPort(values.port),
        host: values.host ?? DEFAULT_HTTP_HOST,
        allowedOrigins: readOrigins(values['allowed-origins']),
      }
    : { kind: 'stdio' };

  return {
    kind: 'run',
    config: {
      apiKey,
      ...(baseUrl ? { baseUrl } : {}),
      timeoutMs,
      readOnly: values['read-only'] === true,
      ...(tools ? { tools } : {}),
      transport,
      printConfig: values['print-config'] === true,
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      'read-only': { type: 'boolean' },
      tools: { type: 'string' },
      http: { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      'allowed-origins': { type: 'string' },
      'print-config': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
}

function readBaseUrl(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConfigError(`FREDDY_BASE_URL is not a URL: "${text}" (e.g. http://127.0.0.1:4010/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`FREDDY_BASE_URL must be http or https, not ${url.protocol}`);
  }
  // Credentials belong in FREDDY_API_KEY; a URL is printed in log lines.
  if (url.username || url.password) throw new ConfigError('FREDDY_BASE_URL must not carry a user or password');
  // Every path is joined to it: a query or a fragment would end up inside each request's path.
  if (url.search || url.hash || /[?#]/.test(text))
    throw new ConfigError("FREDDY_BASE_URL must not carry a query or a fragment (?… or #…): give the API's base only");
  return url.href.replace(/\/$/, '');
}

function readTimeout(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_ATTEMPT_TIMEOUT_MS;
  const ms = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || ms < 1 || ms > HOST_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `FREDDY_TIMEOUT_MS must be a whole number of milliseconds, 1–${HOST_REQUEST_TIMEOUT_MS}, not "${text}"`,
    );
  }
  return ms;
}

function readPort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_HTTP_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new ConfigError(`--port must be 0–65535, not "${text}"`);
  return port;
}

function readOrigins(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text.split(',').map((origin) => {
    const trimmed = origin.trim();
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw new ConfigError(`--allowed-origins takes origins such as https://app.example.com, not "${trimmed}"`);
    }
    if (url.origin !== trimmed) {
      throw new ConfigError(
        `--allowed-origins takes origins (scheme, host, port), not "${trimmed}"; use ${url.origin}`,
      );
    }
    return url.origin;
  });
}
