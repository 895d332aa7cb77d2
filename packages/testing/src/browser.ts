/**
 * Debian's chromium driven by playwright-core, with every request and console
 * error of a page recorded so a test can prove the page stayed on its origin.
 */
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Debian's headless shell where it is installed, else its full browser. The shell is the same Blink and V8
 * without the browser's window layer, and what Playwright itself drives for headless runs; on the docs'
 * browser suites it takes a fifth to a third less CPU (figures in the root README).
 */
const DEBIAN_CHROMIUMS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'] as const;
const chromiumPath =
  process.env.CHROMIUM_PATH || DEBIAN_CHROMIUMS.find((path) => existsSync(path)) || DEBIAN_CHROMIUMS[1];
const chromiumAvailable = existsSync(chromiumPath);
const INSTALL_HINT =
  'apt-get install -y chromium-headless-shell (Debian; or chromium), or set CHROMIUM_PATH to a Chromium binary';

/**
 * In CI a missing browser is a failure; elsewhere the browser tests skip, loudly.
 * Called at module level, so in CI the whole file fails before any test runs.
 */
export function requireChromiumOrSkip(what = 'browser tests'): boolean {
  if (chromiumAvailable) return true;
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error(`CI=true and no chromium at ${chromiumPath}: ${INSTALL_HINT}`);
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n  SKIPPING the ${what}: no chromium at ${chromiumPath}.\n  Install it: ${INSTALL_HINT}\n${line}\n`,
  );
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface RecordedPage {
  page: Page;
  requests: string[];
  consoleErrors: string[];
}

/** How a page is shown: its viewport (default 1400×900) and the colour scheme it reports (default light). */
export type PageView = Pick<BrowserContextOptions, 'viewport' | 'colorScheme'>;

export async function openPage(browser: Browser, view: PageView = {}): Promise<RecordedPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'light', ...view });
  page.setDefaultTimeout(15_000);
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  return { page, requests, consoleErrors };
}

/**
 * Requests that left the page's own origin: anything but 127.0.0.1 over
 * http(s), or (for a page opened from disk) anything but file:. `data:` and
 * `blob:` URLs are made inside the page and go nowhere.
 */
export function offOriginRequests(requests: string[], allowedProtocol: 'http:' | 'file:' = 'http:'): string[] {
  return requests.filter((raw) => {
    const url = new URL(raw);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    if (allowedProtocol === 'file:') return url.protocol !== 'file:';
    return !(url.protocol === 'http:' && url.hostname === '127.0.0.1');
  });
}

/**
 * Asserts that a page kept open across tests made no request off 127.0.0.1
 * and logged no console error since the last check, then forgets what it
 * recorded, so the next test is held to its own: a shared page's `afterEach`.
 */
export function checkPage(recorded: RecordedPage): void {
  const requests = recorded.requests.splice(0);
  const consoleErrors = recorded.consoleErrors.splice(0);
  expect(offOriginRequests(requests)).toEqual([]);
  expect(consoleErrors).toEqual([]);
}

/**
 * Closes the pages opened since the last call (emptying `opened`) and
 * asserts that none made a request off 127.0.0.1 or logged a console error:
 * a suite's `afterEach`.
 */
export async function closeCheckedPages(opened: RecordedPage[]): Promise<void> {
  const pages = opened.splice(0);
  for (const { page } of pages) await page.close();
  for (const recorded of pages) checkPage(recorded);
}
