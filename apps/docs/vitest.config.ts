import { configDefaults, defineConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // Two files at a time, one per core: each browser file drives its own chromium and server. The
    // browser suites are split by concern (console, its audits, its keyboard paths; the reference and
    // its audits) so that the two workers stay busy.
    maxWorkers: 2,
    // Tests marked concurrent (each in pages of its own) run two at a time: one's page works while the
    // other's waits. More only crowd the two cores (browser.test.ts: 44 s at two, 60 s at five, 45-54 s
    // one at a time, on the shared machine).
    maxConcurrency: 2,
    // Generous: in `pnpm test` this shares two cores with every other package's tests.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'docs',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/dev.test.ts'],
        },
      },
      // `pnpm dev` rebuilds site/, which the other files read: it runs alone, once they are done.
      { extends: true, test: { name: 'dev', include: ['test/dev.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
