import { defineConfig } from 'vitest/config';
import { reusedWorker, sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    ...reusedWorker,
    include: ['test/**/*.test.ts'],
    // These tests run tsc and knip as child processes, on two shared cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
