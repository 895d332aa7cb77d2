import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each lint case spawns the Redocly CLI once for all fixtures.
    testTimeout: 60_000,
  },
});
