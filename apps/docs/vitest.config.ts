import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores: one chromium and one reference server at a time.
    fileParallelism: false,
    // Generous: in `pnpm test` this shares two cores with every other package's tests.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
