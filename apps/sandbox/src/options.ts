import type { Logger } from 'pino';

/** An API key and who it acts for. */
export interface SandboxCredential {
  apiKey: string;
  organizationId: string;
  userId: string;
}

export interface SandboxOptions {
  /** 0 = ephemeral; default 4010. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** The SQLite file lives here; omitted, or `memory: true`, means `:memory:`. */
  dataDir?: string;
  memory?: boolean;
  /** Per key; default: the contract's `x-rate-limit` (100 a minute, the vendor's standard plan). `false` turns it off. */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** `true` logs one JSON line per request to stdout; a pino logger logs there; default `false`. */
  log?: boolean | Logger;
  /** If set, this static folder is served at `/docs/` and `/` redirects there. */
  docsDir?: string;
  /** A request's headers must arrive within this many ms, or it is answered 408 and closed; default 10 000. */
  headersTimeoutMs?: number;
  /** A whole request (headers and body) must arrive within this many ms, or 408; default 30 000. */
  requestTimeoutMs?: number;
}

export interface Sandbox {
  /** Base URL of the API, e.g. `http://127.0.0.1:54321/v1`, no trailing slash. */
  url: string;
  port: number;
  credentials: { demo: SandboxCredential; other: SandboxCredential };
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
/** A slow client cannot hold a connection open longer than these. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** An idle keep-alive connection is closed after this. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
