/**
 * `pnpm bench`: how fast the reference and the console become usable, and
 * what they weigh. Run it alone (`flock /tmp/bench.lock pnpm --filter
 * @freddy/docs bench`): two cores are easily shared.
 *
 * Times are measured in Chromium from navigation start, a fresh browser
 * context each run (nothing cached): until every operation's entry is
 * visible in the reference's sidebar; until a deep-linked operation is
 * rendered; and, following that operation's "Try it" link, until the
 * console's Send button is enabled. Bytes are what the browser received for
 * each page (CDP `encodedDataLength`: as served, compressed if the server
 * compresses).
 *
 * BENCH_BASELINE=<another build's site/ folder> (the issue's is `27cca39`'s:
 * `git worktree add ../wt-base27 27cca39`, `pnpm install && pnpm build`
 * there, then BENCH_BASELINE=../wt-base27/apps/docs/site) serves that build
 * the same way and measures it run by run in alternating order, so the
 * machine's load lands on both alike; the exit code is then non-zero when
 * either time is over half the baseline's or either page is not lighter
 * than the baseline's (`speed-budgets.ts`). Without it the timings are only
 * printed: they depend on the machine. Always held: `index.html` under 3 MB
 * raw, and the Markdown's budgets (`llms-full.txt` ≤ 96 kB, each operation's
 * page ≤ 16 kB). BENCH_RUNS sets the number of runs (5).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '@freddy/testing';
import type { Browser, Page } from 'playwright-core';
import { startSiteServer } from '../scripts/serve.mjs';
import { consoleDir, consoleFiles as listConsoleFiles } from '../src/console/build.js';
import { siteDir } from '../src/paths.js';
import { isPrecompressedCopy } from '../src/precompress.js';
import { requireBuiltSite, siteIndex, siteOperations } from '../test/support/site.js';
import { markdownBudgetRows, markdownSizes } from './markdown-budgets.js';
import { type SpeedFigures, speedBudgetRows } from './speed-budgets.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_RAW_BYTES = 3_000_000;

requireBuiltSite();
const html = readFileSync(siteIndex);
const raw = html.byteLength;
const gzip = gzipSync(html).byteLength;
// The console's own files, not the brotli and gzip copies beside them.
const consoleFileNames = listConsoleFiles().filter((file) => !isPrecompressedCopy(file));
const consoleFiles = consoleFileNames.map((file) => readFileSync(join(consoleDir, file)));
const consoleRaw = consoleFiles.reduce((sum, file) => sum + file.byteLength, 0);
const consoleGzip = consoleFiles.reduce((sum, file) => sum + gzipSync(file).byteLength, 0);
const routes = siteOperations().map((op) => op.route);
const deepLinkRoute = routes.at(-1)!;
const deepLinkSummary = siteOperations().at(-1)!.summary;

const baselineRoot = process.env.BENCH_BASELINE;
// This build's page first, then the baseline's.
const sites = [await startSiteServer({ prefix: '/docs/' })];
if (baselineRoot) sites.push(await startSiteServer({ root: baselineRoot, prefix: '/docs/' }));
const timings = sites.map(() => ({
  allOperations: [] as number[],
  deepLink: [] as number[],
  console: [] as number[],
  referenceBytes: [] as number[],
  consoleBytes: [] as number[],
}));

interface Navigation {
  allOperations: number;
  deepLink: number;
  console: number;
  referenceBytes: number;
  consoleBytes: number;
}

/** Sums what the browser received (`encodedDataLength`: headers and body as sent, so compressed if served so) per request. */
async function wireCounter(page: Page): Promise<{ bytes(): number; reset(): void }> {
  const cdp = await page.context().newCDPSession(page);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
  });
  await cdp.send('Network.enable');
  return {
    bytes: () => bytes,
    reset: () => {
      bytes = 0;
    },
  };
}

/**
 * Milliseconds from navigation start until every operation's sidebar entry is
 * visible, until a deep link's operation is rendered, and (following that
 * operation's "Try it" link) until the console's Send button is enabled; and
 * the bytes each page took on the wire.
 */
async function timeNavigation(browser: Browser, url: string): Promise<Navigation> {
  // A fresh context each time: nothing cached, as for a first visit.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const reference = await wireCounter(page);
  // Checked in the page before each frame from the first on, so a frame that shows the sidebar whole
  // is seen even while the page's scripts keep the main thread busy (a poll from outside would wait).
  // (A string: tsx would wrap a named function's source in a helper the page does not have.)
  await page.addInitScript(`{
    const ids = ${JSON.stringify(routes)};
    const check = () => {
      const visible = ids.every((id) => {
        const link = document.querySelector('a[href$="#/' + id + '"]');
        return link?.checkVisibility() && link.getBoundingClientRect().height > 0;
      });
      if (visible) window.allOperationsVisibleAt = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }`);
  // The page as it opens, no route: the sidebar must show every operation by itself.
  await page.goto(url, { waitUntil: 'commit' });
  const allOperations = Number(
    await (
      await page.waitForFunction(
        () => (window as { allOperationsVisibleAt?: number }).allOperationsVisibleAt,
        undefined,
        { timeout: 30_000 },
      )
    ).jsonValue(),
  );
  await page.waitForLoadState('networkidle');
  const referenceBytes = reference.bytes();
  await context.close();

  const deepLinked = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const linked = await deepLinked.newPage();
  const wire = await wireCounter(linked);
  await linked.goto(`${url}#/${deepLinkRoute}`, { waitUntil: 'commit' });
  await linked.waitForFunction((id) => document.getElementById(id)?.querySelector('h2'), deepLinkRoute, {
    polling: 'raf',
    timeout: 30_000,
  });
  const deepLink = await linked.evaluate(() => performance.now());
  // The operation's "Try it" link, followed as a reader does; the console page's clock starts at the click.
  const tryIt = linked.locator(`[id="${deepLinkRoute}"] a[href^="console/"]`).first();
  await tryIt.waitFor({ state: 'visible', timeout: 30_000 });
  await linked.waitForLoadState('networkidle');
  wire.reset();
  await tryIt.click();
  await linked.waitForURL(/\/console\//);
  // Usable: the client shows the linked operation with its Send button enabled.
  await linked.waitForFunction(
    (title) => {
      const dialog = document.querySelector('[role="dialog"]');
      if (!dialog?.textContent?.includes(title)) return false;
      return [...dialog.querySelectorAll('button')].some(
        (button) =>
          /^\s*Send/.test(button.textContent ?? '') &&
          !button.disabled &&
          button.checkVisibility() &&
          button.getBoundingClientRect().height > 0,
      );
    },
    deepLinkSummary,
    { polling: 'raf', timeout: 60_000 },
  );
  const consoleUsable = await linked.evaluate(() => performance.now());
  await linked.waitForLoadState('networkidle');
  const consoleBytes = wire.bytes();
  await deepLinked.close();
  return { allOperations, deepLink, console: consoleUsable, referenceBytes, consoleBytes };
}

const browser = await launchChromium();
try {
  for (let run = 0; run < RUNS; run += 1) {
    const order = run % 2 ? [...sites.keys()].reverse() : [...sites.keys()];
    for (const index of order) {
      const measured = await timeNavigation(browser, sites[index]!.url);
      for (const key of Object.keys(measured) as (keyof Navigation)[]) timings[index]![key].push(measured[key]);
    }
  }
} finally {
  await browser.close();
  await Promise.all(sites.map((site) => site.close()));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB (${bytes} bytes)`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'OVER BUDGET');
const listed = (values: number[]) => `[${values.map((ms) => ms.toFixed(0)).join(', ')}]`;
const medians = (measured: (typeof timings)[number]): SpeedFigures => ({
  sidebarMs: median(measured.allOperations),
  consoleMs: median(measured.console),
  referenceBytes: median(measured.referenceBytes),
  consoleBytes: median(measured.consoleBytes),
});
const [ours, theirs] = timings;

/** Each run's figures, this build's and the baseline's, so a median can be read against its spread. */
function runRows(): [string, string, string, string][] {
  const named = (label: string, measured: (typeof timings)[number]): [string, string, string, string][] => [
    [`${label}: all ${routes.length} operations visible, runs`, listed(measured.allOperations), '(reported)', ''],
    [`${label}: deep link #/${deepLinkRoute} rendered, runs`, listed(measured.deepLink), '(reported)', ''],
    [`${label}: console's Send enabled after "Try it", runs`, listed(measured.console), '(reported)', ''],
  ];
  return [...named('this build', ours!), ...(theirs ? named(`baseline (${baselineRoot})`, theirs) : [])];
}
const rows: [string, string, string, string][] = [
  ['site/index.html, raw', mb(raw), '< 3 MB', verdict(raw < BUDGET_RAW_BYTES)],
  ['site/index.html, gzip -6', mb(gzip), '(reported)', ''],
  [`site/console/ (${consoleFileNames.length} files), raw`, mb(consoleRaw), '(reported)', ''],
  [`site/console/ (${consoleFileNames.length} files), gzip -6`, mb(consoleGzip), '(reported)', ''],
  ...speedBudgetRows(medians(ours!), theirs && medians(theirs)).map(
    ({ what, figure, budget, ok }): [string, string, string, string] => [
      `${what}, median of ${RUNS}`,
      figure,
      budget,
      ok === undefined ? '' : verdict(ok),
    ],
  ),
  [
    `deep link #/${deepLinkRoute} rendered, median of ${RUNS}`,
    `${median(ours!.deepLink).toFixed(0)} ms`,
    '(reported)',
    '',
  ],
  ...runRows(),
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
  console.log(`${what.padEnd(72)} ${value.padEnd(40)} ${budget.padEnd(12)} ${result}`);
if (rows.some((row) => row[3] === 'OVER BUDGET')) process.exitCode = 1;
