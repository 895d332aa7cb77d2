import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ['test/**/*.test.ts'],
    // Two cores: one chromium and one reference server at a time.
    fileParallelism: false,
    // Generous: in `pnpm test` this shares two cores with every other package's tests.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
