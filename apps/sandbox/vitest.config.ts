import { defineConfig } from 'vitest/config';
import { reusedWorker, sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    ...reusedWorker,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
