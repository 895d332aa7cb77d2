/**
 * Settings every package's vitest config shares: the console report, and a
 * JSON report that .ci/run adds up into one closing "N passed, N failed" line.
 */
import type { ViteUserConfig } from 'vitest/config';

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
