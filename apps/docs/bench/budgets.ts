/**
 * `pnpm bench`: the page's weight and how fast it becomes usable, against the
 * budgets (under 3 MB raw, under 1 s until every operation's name is visible
 * in the sidebar), the console's weight beside it, and the Markdown's sizes
 * against theirs (`llms-full.txt` ≤ 96 kB, each operation's page ≤ 16 kB).
 * Run it alone (`flock /tmp/bench.lock pnpm --filter @freddy/docs bench`): two cores are easily shared.
 * Not a test: timings depend on the machine, so they are reported, and the
 * exit code is non-zero only when a budget is blown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '@freddy/testing';
import { startSiteServer } from '../scripts/serve.mjs';
import { CONSOLE_FILES, consoleDir } from '../src/console/build.js';
import { siteDir } from '../src/paths.js';
import { requireBuiltSite, siteIndex, siteOperations } from '../test/support/site.js';
import { markdownBudgetRows, markdownSizes } from './markdown-budgets.js';

const RUNS = 5;
const BUDGET_RAW_BYTES = 3_000_000;
const BUDGET_ALL_OPERATIONS_MS = 1000;

requireBuiltSite();
const html = readFileSync(siteIndex);
const raw = html.byteLength;
const gzip = gzipSync(html).byteLength;
const consoleFiles = CONSOLE_FILES.map((file) => readFileSync(join(consoleDir, file)));
const consoleRaw = consoleFiles.reduce((sum, file) => sum + file.byteLength, 0);
const consoleGzip = consoleFiles.reduce((sum, file) => sum + gzipSync(file).byteLength, 0);
const routes = siteOperations().map((op) => op.route);
const deepLinkRoute = routes.at(-1)!;

const site = await startSiteServer({ prefix: '/docs/' });
const browser = await launchChromium();
const allOperations: number[] = [];
const firstOperation: number[] = [];
try {
  for (let run = 0; run < RUNS; run += 1) {
    // A fresh context each time: nothing cached, as for a first visit.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    // The page as it opens, no route: the sidebar must show every operation by itself.
    await page.goto(site.url, { waitUntil: 'commit' });
    // Measured in the page, from its navigation start: every operation's sidebar entry is visible.
    await page.waitForFunction(
      (ids) =>
        ids.every((id) => {
          const link = document.querySelector(`a[href$="#/${id}"]`);
          return link?.checkVisibility() && link.getBoundingClientRect().height > 0;
        }),
      routes,
      { polling: 'raf', timeout: 30_000 },
    );
    allOperations.push(await page.evaluate(() => performance.now()));
    await context.close();
    const deepLink = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const linked = await deepLink.newPage();
    await linked.goto(`${site.url}#/${deepLinkRoute}`, { waitUntil: 'commit' });
    await linked.waitForFunction((id) => document.getElementById(id)?.querySelector('h2'), deepLinkRoute, {
      polling: 'raf',
      timeout: 30_000,
    });
    firstOperation.push(await linked.evaluate(() => performance.now()));
    await deepLink.close();
  }
} finally {
  await browser.close();
  await site.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB (${bytes} bytes)`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
const allMedian = median(allOperations);
const rows: [string, string, string, string][] = [
  ['site/index.html, raw', mb(raw), '< 3 MB', verdict(raw < BUDGET_RAW_BYTES)],
  ['site/index.html, gzip -6', mb(gzip), '(reported)', ''],
  [`site/console/ (${CONSOLE_FILES.length} files), raw`, mb(consoleRaw), '(reported)', ''],
  [`site/console/ (${CONSOLE_FILES.length} files), gzip -6`, mb(consoleGzip), '(reported)', ''],
  [
    `navigation → all ${routes.length} operations visible in the sidebar (median of ${RUNS})`,
    `${allMedian.toFixed(0)} ms [${allOperations.map((ms) => ms.toFixed(0)).join(', ')}]`,
    '< 1000 ms',
    verdict(allMedian < BUDGET_ALL_OPERATIONS_MS),
  ],
  [
    `navigation → deep link #/${deepLinkRoute} rendered (median of ${RUNS})`,
    `${median(firstOperation).toFixed(0)} ms [${firstOperation.map((ms) => ms.toFixed(0)).join(', ')}]`,
    '(reported)',
    '',
  ],
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
