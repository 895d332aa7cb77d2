/**
 * Settings every package's vitest config shares: the console report, and a
 * JSON report that .ci/run adds up into one closing "N passed, N failed" line.
 * Importing it also shares Node's compile cache with the tests' processes.
 */
import { enableCompileCache } from 'node:module';
import type { ViteUserConfig } from 'vitest/config';

/**
 * A test run starts a few hundred Node processes: vitest's workers, and the CLIs, servers, package
 * managers and compilers the tests spawn (Redocly's CLI alone some twenty times). Each compiled the same
 * large bundles again; with V8's code for them kept on disk, in Node's default folder (the one `tsc`
 * already uses, `NODE_COMPILE_CACHE` to move it, `NODE_DISABLE_COMPILE_CACHE=1` to turn it off), the
 * tests' Node processes take about a tenth less CPU (figures in the root README). The variable carries
 * the cache to every process started from here; the cache is keyed by each file's content, so a stale
 * entry is never used.
 */
const compileCache = enableCompileCache();
if (compileCache.directory) process.env.NODE_COMPILE_CACHE = compileCache.directory;

export const sharedTestConfig = {
  reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
} satisfies NonNullable<ViteUserConfig['test']>;

/**
 * For a package whose test files leave no global state behind (no module
 * mocks, no stubbed globals, fake timers put back and module-level queues
 * drained, every server and child process closed in its own hooks): the
 * files run in reused workers (one, or the docs' one per core) and share
 * their module cache, so a file neither starts a worker of its own nor loads
 * the contract, its validators, Playwright and the SDKs again. The files run
 * as many at a time either way; this cuts the CPU each package's tests take
 * from the others in `pnpm test` (figures in the root README).
 */
export const reusedWorker = {
  isolate: false,
} satisfies NonNullable<ViteUserConfig['test']>;
