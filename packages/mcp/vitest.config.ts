import { defineConfig } from 'vitest/config';
import { reusedWorker, sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    ...reusedWorker,
    include: ['test/**/*.test.ts'],
    // The integration tests start the reference server and child processes; the package test packs
    // and installs three tarballs.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
