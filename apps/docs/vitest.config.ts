import { readFileSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { reusedWorker, sharedTestConfig } from '../../vitest.shared.js';

/**
 * The files that drive Chromium start first, in vitest's order among them, then the others. A browser
 * file takes tens of seconds to minutes, any other a few seconds, whatever its size; and vitest orders
 * the files it has no timings for (a fresh clone, CI) by size, largest first, which started a small
 * browser file (console-keyboard, 114 s) last, alone on one core while the other sat idle for a minute.
 */
class BrowserFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const drivesChromium = new Set(
      sorted.filter((spec) => readFileSync(spec.moduleId, 'utf8').includes('requireChromiumOrSkip(')),
    );
    // Within each project (vitest runs them one after the other), browser files first.
    const ordered: TestSpecification[] = [];
    for (let start = 0; start < sorted.length; ) {
      let end = start;
      while (end < sorted.length && sorted[end]!.project === sorted[start]!.project) end++;
      const project = sorted.slice(start, end);
      ordered.push(
        ...project.filter((spec) => drivesChromium.has(spec)),
        ...project.filter((spec) => !drivesChromium.has(spec)),
      );
      start = end;
    }
    return ordered;
  }
}

export default defineConfig({
  test: {
    ...sharedTestConfig,
    // A worker per core, reused from file to file: a fresh one per file loaded playwright, the contract and
    // its validators again for each of the 24 files (`pnpm --filter @freddy/docs exec vitest run`: 216 s
    // and 417 CPU-s with a fresh worker per file, 180 s and 348 CPU-s reused, on the quiet machine).
    ...reusedWorker,
    // Two files at a time, one per core: each browser file drives its own chromium and server. The
    // browser suites are split by concern (console, its audits, its keyboard paths; the reference and
    // its audits) so that the two workers stay busy.
    maxWorkers: 2,
    // Tests marked concurrent (each in pages of its own) run two at a time: one's page works while the
    // other's waits. More only crowd the two cores (browser.test.ts: 44 s at two, 60 s at five, 45-54 s
    // one at a time, on the shared machine).
    maxConcurrency: 2,
    sequence: { sequencer: BrowserFilesFirst },
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
