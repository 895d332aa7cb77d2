import { defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    include: ['test/**/*.test.ts'],
    // Each lint case spawns the Redocly CLI once for all fixtures.
    testTimeout: 60_000,
  },
});
