import { defineConfig } from 'vitest/config';
import { reusedWorker, sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    ...reusedWorker,
    include: ['test/**/*.test.ts'],
    // Type tests are checked by tsc, never executed (they would call a server).
    exclude: ['test/**/*.types.test.ts', '**/node_modules/**'],
    typecheck: {
      // vitest only type-checks `*.test-d.ts` by default; the type tests here
      // are `*.types.test.ts`, so they must be named or they would never run.
      enabled: true,
      include: ['test/**/*.types.test.ts'],
      tsconfig: './tsconfig.json',
    },
    // The consumer test packs, installs and type-checks; the integration
    // tests start the reference server.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
