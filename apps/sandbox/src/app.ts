/**
 * The sandbox without its socket: database, credentials, the compiled
 * contract and the request pipeline, wired once. `startSandbox` puts it on an
 * HTTP server; tests reach the real pipeline through here.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Logger, pino } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { KeyStore } from './auth/keys.js';
import { RateLimiter } from './auth/rate-limit.js';
import { seedCredentials } from './auth/seed.js';
import { sandboxContract } from './contract-document.js';
import { handlerTable } from './http/handler-table.js';
import { createRequestHandler, type RequestHandler } from './http/pipeline.js';
import { withConsoleConfig } from './http/stages/console-config.js';
import type { SandboxControls } from './http/stages/control.js';
import { serveDocsFiles } from './http/stages/docs-files.js';
import { withMarkdownIndex } from './http/stages/docs-markdown.js';
import { type ChaosPlan, createFaultStage, parseFaults } from './http/stages/faults.js';
import { Idempotency } from './http/stages/idempotency.js';
import type { Handlers } from './operations/handler.js';
import { createOperations } from './operations/threads.js';
import type { KeyOptions, ResetResult, Sandbox, SandboxCredential, SandboxOptions } from './options.js';
import { openDatabase } from './store/database.js';
import { IdempotencyRecords } from './store/idempotency.js';
import { persistRateLimits, type RateLimitPersistence } from './store/rate-limits.js';
import { readSeedFile, type SeedThreads } from './store/seed-file.js';
import { ThreadStore } from './store/threads.js';
import { type CompiledContract, compileContract } from './validation/contract.js';

export interface SandboxApp {
  handle: RequestHandler;
  contract: CompiledContract;
  credentials: Sandbox['credentials'];
  /** The operations answered from their documented examples: the contract has them, no handler serves them yet. */
  exampleServed: readonly string[];
  /** The chaos plan in force (`faults` option), with its seed. */
  chaos: ChaosPlan | undefined;
  /** Issues another key for one of the two organizations. */
  createKey(options?: KeyOptions): SandboxCredential;
  /** What `POST /_sandbox/reset` does, for one of the two organizations. */
  reset(organization?: 'demo' | 'other'): ResetResult;
  /** Drops the connections held open by a `timeout` fault. */
  dropHeldConnections(): void;
  /** Saves the rate-limit windows, closes the database and flushes the log. */
  close(): void;
}

/** Lets a test swap an operation's handler, e.g. for one that throws, or take it away. */
export type OperationsOverride = (handlers: Handlers) => Handlers;

/** The faults a chaos run picks from unless told otherwise: the ones a client can recover from by retrying. */
const DEFAULT_CHAOS_FAULTS = 'latency=1000,reset,error-after-commit';

// Compiled once per process and document: test suites start many sandboxes,
// and the validators keep no state between calls.
const compiled = new WeakMap<object, CompiledContract>();

function compiledContract(document: object | undefined): CompiledContract {
  const model = sandboxContract(document);
  let contract = compiled.get(model);
  if (!contract) {
    contract = compileContract(model);
    compiled.set(model, contract);
  }
  return contract;
}

export function createSandboxApp(options: SandboxOptions = {}, override?: OperationsOverride): SandboxApp {
  const startedAt = performance.now();
  const dataDir = options.memory || !options.dataDir ? undefined : resolve(options.dataDir);
  const contract = compiledContract(options.contract);
  // Options are checked before anything is opened: a bad seed file or fault plan stops the start.
  const seed: SeedThreads = options.seedFile ? readSeedFile(options.seedFile, contract) : {};
  const chaos = chaosPlan(options.faults);
  const logger = createLogger(options.log);
  const db = openDatabase(dataDir);
  let rateWindows: RateLimitPersistence | undefined;
  try {
    const keys = new KeyStore(db);
    const credentials = seedCredentials(db, keys, dataDir);
    const store = new ThreadStore(db);
    const limiter = createLimiter(options.rateLimit, contract);
    rateWindows = limiter ? persistRateLimits(db, limiter) : undefined;

    // Each organization the seed file names starts from its threads, and returns to them on a reset.
    const seeded = (organizationId: string) =>
      (['demo', 'other'] as const).find((role) => credentials[role].organizationId === organizationId);
    for (const role of ['demo', 'other'] as const) {
      const threads = seed[role];
      if (threads) store.resetOrganization(credentials[role].organizationId, credentials[role].userId, threads);
    }
    const idempotencyRecords = new IdempotencyRecords(db);
    /**
     * A clean slate for one organization: its threads (then its seed threads
     * again), its idempotency records and its keys' rate-limit windows.
     */
    const resetOrganization = (organizationId: string, userId: string) => {
      const role = seeded(organizationId);
      const threads = role ? seed[role] : undefined;
      const result = store.resetOrganization(organizationId, role ? credentials[role].userId : userId, threads);
      const forgottenKeys = idempotencyRecords.forget(organizationId);
      rateWindows?.forget(keys.keyHashesOf(organizationId));
      return { deletedThreads: result.deleted, seededThreads: result.created, idempotencyRecords: forgottenKeys };
    };
    const controls: SandboxControls = {
      version: packageJson.version,
      contractVersion: contract.model.version,
      startedAt,
      schemes: contract.model.securitySchemes,
      keys,
      reset: (principal) => resetOrganization(principal.organizationId, principal.userId),
    };

    const operations = createOperations(store, contract.validateMetadata);
    const handlers = handlerTable(contract.operations, override ? override(operations) : operations);
    const faults = createFaultStage(chaos);
    const handle = createRequestHandler({
      contract,
      keys,
      limiter,
      handlers,
      idempotency: new Idempotency(idempotencyRecords),
      logger,
      faults,
      controls,
      docs: withConsoleConfig(withMarkdownIndex(docsHandler(options.docsDir, logger)), {
        basePath: contract.basePath,
        apiKey: credentials.demo.apiKey,
      }),
    });
    return {
      handle,
      contract,
      exampleServed: handlers.exampleServed,
      credentials,
      chaos,
      createKey(keyOptions = {}) {
        const { organizationId, userId } = credentials[keyOptions.organization ?? 'demo'];
        const label = keyOptions.readOnly ? 'read-only key' : 'key';
        return keys.issue(organizationId, userId, label, { readOnly: keyOptions.readOnly === true });
      },
      reset(organization = 'demo') {
        const { organizationId, userId } = credentials[organization];
        return resetOrganization(organizationId, userId);
      },
      dropHeldConnections: () => faults.dropHeld(),
      close() {
        rateWindows?.close();
        store.close();
        db.close();
        logger?.flush();
      },
    };
  } catch (error) {
    // Its timer would otherwise save to a closed database.
    rateWindows?.close();
    db.close();
    throw error;
  }
}

/** The chaos plan of the `faults` option: checked, with a seed chosen when none is given. */
function chaosPlan(option: SandboxOptions['faults']): ChaosPlan | undefined {
  if (!option || option.rate === 0) return undefined;
  if (!(option.rate > 0 && option.rate <= 1)) throw new TypeError(`faults.rate must be in (0, 1], not ${option.rate}`);
  const seed = option.seed ?? Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new TypeError(`faults.seed must be a whole number, not ${option.seed}`);
  return { rate: option.rate, seed, faults: parseFaults(option.faults ?? DEFAULT_CHAOS_FAULTS) };
}

/** The contract's default plan (`x-rate-limit`) unless the options say otherwise; `false` for none. */
function createLimiter(option: SandboxOptions['rateLimit'], contract: CompiledContract): RateLimiter | undefined {
  if (option === false) return undefined;
  const { limit, windowSeconds } = contract.model.limits.rateLimit;
  const config = option ?? { limit, windowMs: windowSeconds * 1000 };
  if (!(Number.isInteger(config.limit) && config.limit >= 1 && config.windowMs >= 1)) {
    throw new TypeError(`rateLimit needs a whole limit ≥ 1 and a windowMs ≥ 1, not ${JSON.stringify(config)}`);
  }
  return new RateLimiter(config);
}

function createLogger(log: SandboxOptions['log']): Logger | undefined {
  if (!log) return undefined;
  if (log === true) return pino({ base: undefined }, pino.destination({ dest: 1, sync: false }));
  return log;
}

function docsHandler(docsDir: string | undefined, logger: Logger | undefined) {
  if (!docsDir) return undefined;
  const dir = resolve(docsDir);
  if (!existsSync(dir)) {
    const warning = `docs folder ${dir} does not exist (yet); /docs/ answers 404 until it does`;
    if (logger) logger.warn(warning);
    else console.warn(warning);
  }
  return serveDocsFiles(dir, { lookUpPerRequest: !existsSync(dir) });
}
