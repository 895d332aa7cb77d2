import type { Logger } from 'pino';

/** An API key and who it acts for. */
export interface SandboxCredential {
  apiKey: string;
  organizationId: string;
  userId: string;
  /** Set on a read-only key: it may list and retrieve, and every write is a 403. */
  readOnly?: boolean;
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
  /**
   * A JSON file of threads loaded at start into the organizations it names,
   * and again on every `POST /_sandbox/reset`: an array of createThread
   * bodies (demo organization), or `{ "demo": [...], "other": [...] }`.
   */
  seedFile?: string;
  /**
   * A chaos run: this share of requests (0–1) gets a fault picked from
   * `faults` (default `latency=1000,reset,error-after-commit`), by a
   * generator seeded with `seed` (default random; `sandbox.faultSeed` says it).
   */
  faults?: { rate: number; seed?: number; faults?: string };
  /**
   * The bundled OpenAPI document to serve (JSON, as `spec/dist/openapi.json`
   * is); default the contract this package was built with. An operation it
   * has and the sandbox has no handler for answers its documented example.
   */
  contract?: object;
}

export interface ResetResult {
  deletedThreads: number;
  seededThreads: number;
  /** Stored answers to Idempotency-Key requests that were forgotten. */
  idempotencyRecords: number;
}

export interface KeyOptions {
  /** A read-only key may list and retrieve; every write is a 403. */
  readOnly?: boolean;
  /** Default `demo`. */
  organization?: 'demo' | 'other';
}

export interface Sandbox {
  /** Base URL of the API, e.g. `http://127.0.0.1:54321/v1`, no trailing slash. */
  url: string;
  port: number;
  credentials: { demo: SandboxCredential; other: SandboxCredential };
  /** Issues another key for one of the two organizations, e.g. a read-only one. */
  createKey(options?: KeyOptions): SandboxCredential;
  /**
   * A clean slate for an organization (default `demo`), as `POST /_sandbox/reset`
   * gives: its threads deleted (its `seedFile` threads created again), its keys'
   * rate-limit windows started afresh; keys stay.
   */
  reset(organization?: 'demo' | 'other'): ResetResult;
  /** The seed of the chaos run's fault generator, when `faults` is on. */
  faultSeed?: number;
  /**
   * The operationIds answered from their documented examples (`X-Sandbox-Example`):
   * the contract has them, the sandbox has no handler for them yet. Empty when every operation is stateful.
   */
  exampleServed: readonly string[];
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
/** A slow client cannot hold a connection open longer than these. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** An idle keep-alive connection is closed after this. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
