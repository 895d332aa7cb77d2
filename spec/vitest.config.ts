import { defineConfig } from 'vitest/config';
import { reusedWorker, sharedTestConfig } from '../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    ...reusedWorker,
    include: ['test/**/*.test.ts'],
    // Everything runs in-process and takes well under a second, but in
    // `pnpm test` it shares two cores with every other package: no short
    // wall-clock budget that a busy machine could miss.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
