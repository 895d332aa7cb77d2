/**
 * Settings every package's vitest config shares: the console report, and a
 * JSON report that .ci/run adds up into one closing "N passed, N failed" line.
 */
import type { ViteUserConfig } from 'vitest/config';

export const sharedTestConfig = {
  reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
} satisfies NonNullable<ViteUserConfig['test']>;
