/**
 * `pnpm bench`: the page's weight and how fast it becomes usable, against the
 * budgets (under 3 MB raw, under 1 s until every operation's name is visible
 * in the sidebar), the console's weight and how soon its Send is usable
 * (`console.ts`) beside it, and the Markdown's sizes against theirs
 * (`llms-full.txt` ≤ 96 kB, each operation's page ≤ 16 kB).
 * Run it alone (`flock /tmp/bench.lock pnpm --filter @freddy/docs bench`): two cores are easily shared.
 * Not a test: timings depend on the machine, so they are reported, and the
 * exit code is non-zero only when a budget is blown. BENCH_BASELINE=<a site/
 * folder> times another build's page beside this one (see below); BENCH_RUNS
 * sets the number of navigations each (5).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeContract } from '@freddy/spec';
import { launchChromium } from '@freddy/testing';
import type { Browser } from 'playwright-core';
import { startSiteServer } from '../scripts/serve.mjs';
import { consoleDir, consoleFiles as listConsoleFiles } from '../src/console/build.js';
import { consoleRoute } from '../src/console/links.js';
import { siteDir } from '../src/paths.js';
import { requireBuiltSite, siteIndex, siteOperations } from '../test/support/site.js';
import { timeConsole } from './console.js';
import { markdownBudgetRows, markdownSizes } from './markdown-budgets.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_RAW_BYTES = 3_000_000;
const BUDGET_ALL_OPERATIONS_MS = 1000;

requireBuiltSite();
const html = readFileSync(siteIndex);
const raw = html.byteLength;
const gzip = gzipSync(html).byteLength;
const consoleFileNames = listConsoleFiles();
const consoleFiles = consoleFileNames.map((file) => readFileSync(join(consoleDir, file)));
const consoleRaw = consoleFiles.reduce((sum, file) => sum + file.byteLength, 0);
const consoleGzip = consoleFiles.reduce((sum, file) => sum + gzipSync(file).byteLength, 0);
const routes = siteOperations().map((op) => op.route);
const deepLinkRoute = routes.at(-1)!;
// The console opened where a "Try it" link of the reference points: the last operation's request.
const consoleLinked = describeContract().operations.at(-1)!;

// BENCH_BASELINE=<another build's site/ folder> (say, a worktree of an earlier
// commit) times that page too, run by run in alternating order, so the machine's
// load lands on both alike, and prints this build's time as a ratio of it.
const baselineRoot = process.env.BENCH_BASELINE;
// This build's page first, then the baseline's.
const sites = [await startSiteServer({ prefix: '/docs/' })];
if (baselineRoot) sites.push(await startSiteServer({ root: baselineRoot, prefix: '/docs/' }));
const timings = sites.map(() => ({
  allOperations: [] as number[],
  deepLink: [] as number[],
  consoleUsable: [] as number[],
  consoleBytes: [] as number[],
}));

/** Milliseconds from navigation start until every operation's sidebar entry is visible, and until a deep link's operation is rendered. */
async function timeNavigation(browser: Browser, url: string): Promise<{ allOperations: number; deepLink: number }> {
  // A fresh context each time: nothing cached, as for a first visit.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  // The page as it opens, no route: the sidebar must show every operation by itself.
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(
    (ids) =>
      ids.every((id) => {
        const link = document.querySelector(`a[href$="#/${id}"]`);
        return link?.checkVisibility() && link.getBoundingClientRect().height > 0;
      }),
    routes,
    { polling: 'raf', timeout: 30_000 },
  );
  const allOperations = await page.evaluate(() => performance.now());
  await context.close();
  const deepLinked = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const linked = await deepLinked.newPage();
  await linked.goto(`${url}#/${deepLinkRoute}`, { waitUntil: 'commit' });
  await linked.waitForFunction((id) => document.getElementById(id)?.querySelector('h2'), deepLinkRoute, {
    polling: 'raf',
    timeout: 30_000,
  });
  const deepLink = await linked.evaluate(() => performance.now());
  await deepLinked.close();
  return { allOperations, deepLink };
}

const browser = await launchChromium();
try {
  for (let run = 0; run < RUNS; run += 1) {
    const order = run % 2 ? [...sites.keys()].reverse() : [...sites.keys()];
    for (const index of order) {
      const { allOperations, deepLink } = await timeNavigation(browser, sites[index]!.url);
      timings[index]!.allOperations.push(allOperations);
      timings[index]!.deepLink.push(deepLink);
      const linked = `${sites[index]!.url}console/index.html#${consoleRoute(consoleLinked)}`;
      const { usable, bytes } = await timeConsole(browser, linked, consoleLinked.summary);
      timings[index]!.consoleUsable.push(usable);
      timings[index]!.consoleBytes.push(bytes);
    }
  }
} finally {
  await browser.close();
  await Promise.all(sites.map((site) => site.close()));
}
const { allOperations, deepLink: firstOperation, consoleUsable, consoleBytes } = timings[0]!;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB (${bytes} bytes)`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
const allMedian = median(allOperations);
const listed = (values: number[]) => `[${values.map((ms) => ms.toFixed(0)).join(', ')}]`;

/** The baseline's timings, and this build's medians as multiples of its, interleaved run by run. */
function baselineRows(): [string, string, string, string][] {
  const baseline = timings[1];
  if (!baseline) return [];
  const ratio = (ours: number[], theirs: number[]) => `${(median(ours) / median(theirs)).toFixed(2)}×`;
  return [
    [
      `baseline (${baselineRoot}): all operations visible`,
      `${median(baseline.allOperations).toFixed(0)} ms ${listed(baseline.allOperations)}`,
      '(reported)',
      '',
    ],
    [
      `baseline: deep link rendered`,
      `${median(baseline.deepLink).toFixed(0)} ms ${listed(baseline.deepLink)}`,
      '(reported)',
      '',
    ],
    ['this build ÷ baseline: all operations visible', ratio(allOperations, baseline.allOperations), '(reported)', ''],
    ['this build ÷ baseline: deep link rendered', ratio(firstOperation, baseline.deepLink), '(reported)', ''],
    [
      'baseline: console → Send enabled',
      `${median(baseline.consoleUsable).toFixed(0)} ms ${listed(baseline.consoleUsable)}`,
      '(reported)',
      '',
    ],
    ['baseline: console, bytes fetched by then', mb(median(baseline.consoleBytes)), '(reported)', ''],
    ['this build ÷ baseline: console → Send enabled', ratio(consoleUsable, baseline.consoleUsable), '(reported)', ''],
    ['this build ÷ baseline: console bytes fetched', ratio(consoleBytes, baseline.consoleBytes), '(reported)', ''],
  ];
}
const rows: [string, string, string, string][] = [
  ['site/index.html, raw', mb(raw), '< 3 MB', verdict(raw < BUDGET_RAW_BYTES)],
  ['site/index.html, gzip -6', mb(gzip), '(reported)', ''],
  [`site/console/ (${consoleFileNames.length} files), raw`, mb(consoleRaw), '(reported)', ''],
  [`site/console/ (${consoleFileNames.length} files), gzip -6`, mb(consoleGzip), '(reported)', ''],
  [
    `navigation → all ${routes.length} operations visible in the sidebar (median of ${RUNS})`,
    `${allMedian.toFixed(0)} ms ${listed(allOperations)}`,
    '< 1000 ms',
    verdict(allMedian < BUDGET_ALL_OPERATIONS_MS),
  ],
  [
    `navigation → deep link #/${deepLinkRoute} rendered (median of ${RUNS})`,
    `${median(firstOperation).toFixed(0)} ms ${listed(firstOperation)}`,
    '(reported)',
    '',
  ],
  [
    `console at #${consoleRoute(consoleLinked)} → Send enabled (median of ${RUNS})`,
    `${median(consoleUsable).toFixed(0)} ms ${listed(consoleUsable)}`,
    '(reported)',
    '',
  ],
  ['console: bytes fetched by then (response bodies)', mb(median(consoleBytes)), '(reported)', ''],
  ...baselineRows(),
  ...markdownBudgetRows(markdownSizes(siteDir)).map(
    ({ what, figure, budget, ok }): [string, string, string, string] => [
      what,
      figure,
      budget,
      ok === undefined ? '' : verdict(ok),
    ],
  ),
];
for (const [what, value, budget, result] of rows)
  console.log(`${what.padEnd(62)} ${value.padEnd(40)} ${budget.padEnd(12)} ${result}`);
if (rows.some((row) => row[3] === 'OVER BUDGET')) process.exitCode = 1;
