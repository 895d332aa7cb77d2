/**
 * The sandbox without its socket: database, credentials, the compiled
 * contract and the request pipeline, wired once. `startSandbox` puts it on an
 * HTTP server; tests reach the real pipeline through here.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeContract } from '@freddy/spec';
import { type Logger, pino } from 'pino';
import sirv from 'sirv';
import { KeyStore } from './auth/keys.js';
import { RateLimiter } from './auth/rate-limit.js';
import { seedCredentials } from './auth/seed.js';
import { createRequestHandler, type RequestHandler } from './http/pipeline.js';
import { withConsoleConfig } from './http/stages/console-config.js';
import type { StaticHandler } from './http/stages/docs.js';
import { createOperations, type ThreadOperations } from './operations/threads.js';
import type { Sandbox, SandboxOptions } from './options.js';
import { openDatabase } from './store/database.js';
import { ThreadStore } from './store/threads.js';
import { type CompiledContract, compileContract } from './validation/contract.js';

export interface SandboxApp {
  handle: RequestHandler;
  contract: CompiledContract;
  credentials: Sandbox['credentials'];
  /** Closes the database and flushes the log. */
  close(): void;
}

/** Lets a test swap an operation's implementation, e.g. for one that throws. */
export type OperationsOverride = (operations: ThreadOperations) => ThreadOperations;

// Compiled once per process: test suites start many sandboxes, and the
// validators keep no state between calls.
let contractOnce: CompiledContract | undefined;

export function createSandboxApp(options: SandboxOptions = {}, override?: OperationsOverride): SandboxApp {
  const dataDir = options.memory || !options.dataDir ? undefined : resolve(options.dataDir);
  const logger = createLogger(options.log);
  contractOnce ??= compileContract(describeContract());
  const contract = contractOnce;
  const db = openDatabase(dataDir);
  try {
    const keys = new KeyStore(db);
    const credentials = seedCredentials(db, keys, dataDir);
    const operations = createOperations(new ThreadStore(db), contract.validateMetadata);
    const handle = createRequestHandler({
      contract,
      keys,
      limiter: createLimiter(options.rateLimit, contract),
      operations: override ? override(operations) : operations,
      logger,
      docs: withConsoleConfig(docsHandler(options.docsDir, logger), {
        basePath: contract.basePath,
        apiKey: credentials.demo.apiKey,
      }),
    });
    return {
      handle,
      contract,
      credentials,
      close() {
        db.close();
        logger?.flush();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
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
  // A folder that does not exist yet is looked up per request (dev mode), so docs built later still show.
  const serve = sirv(dir, { dev: !existsSync(dir), etag: true });
  return serve satisfies StaticHandler;
}
