import { defineConfig } from 'vitest/config';
import { reusedWorker, sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    ...reusedWorker,
    include: ['test/**/*.test.ts'],
    typecheck: {
      // By default only `*.test-d.ts` files are type-checked; ours are plain
      // `*.test.ts`, so name them, or their assertions would never run.
      enabled: true,
      include: ['test/**/*.test.ts'],
      tsconfig: './tsconfig.json',
      ignoreSourceErrors: false,
    },
    testTimeout: 60_000,
  },
});
