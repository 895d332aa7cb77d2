/**
 * What the console's browser suites share (`console*.test.ts`, one file per
 * concern so that vitest runs them side by side): the reference server
 * serving the docs at /docs/ and its console, one chromium per suite, pages
 * that fail their test on a request off 127.0.0.1 or a console error, and
 * the console's moves (open an operation's request, Send, read the answer).
 */
import { mkdirSync } from 'node:fs';
import type { Sandbox } from '@freddy/sandbox';
import { type ContractOperation, describeContract } from '@freddy/spec';
import {
  checkPage,
  closeCheckedPages,
  launchChromium,
  openPage,
  type PageView,
  type RecordedPage,
  useSandbox,
} from '@freddy/testing';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { consoleRoute } from '../../src/console/links.js';
import { siteDir } from '../../src/paths.js';
import { resultsDir } from './audit.js';
import { requireBuiltSite } from './site.js';

export const contract = describeContract();

/** How long a page waits for what it expects: generous, the machine has two shared cores. */
const PAGE_TIMEOUT_MS = 60_000;

export interface ConsoleSuite {
  readonly browser: Browser;
  readonly sandbox: Sandbox;
  /** `http://127.0.0.1:<port>`: the reference server, which serves the docs at /docs/. */
  readonly origin: string;
  /** A fresh page, checked and closed after the test. */
  fresh(view?: PageView): Promise<RecordedPage>;
  /** A fresh page at `url`, checked and closed after the test. */
  open(url: string, view?: PageView): Promise<RecordedPage>;
  /**
   * A page kept open for the rest of the calling suite: checked after each
   * test (what happened since the last check), closed after the suite.
   */
  keep(view?: PageView): Promise<RecordedPage>;
}

/** Starts the reference server and chromium for the calling suite, and checks every page after each test. */
export function useConsoleSuite(): ConsoleSuite {
  const running = useSandbox({ docsDir: siteDir });
  let browser: Browser | undefined;
  const opened: RecordedPage[] = [];
  const kept: RecordedPage[] = [];

  beforeAll(async () => {
    requireBuiltSite();
    mkdirSync(resultsDir, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  // Every page of every test: nothing off 127.0.0.1, no console error.
  afterEach(async () => {
    for (const recorded of kept) checkPage(recorded);
    await closeCheckedPages(opened);
  });

  async function newPage(view?: PageView): Promise<RecordedPage> {
    if (!browser) throw new Error('chromium only runs inside tests and hooks');
    const recorded = await openPage(browser, view);
    recorded.page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    return recorded;
  }

  return {
    get browser() {
      if (!browser) throw new Error('chromium only runs inside tests and hooks');
      return browser;
    },
    get sandbox() {
      return running.current;
    },
    get origin() {
      return new URL(running.current.url).origin;
    },
    async fresh(view) {
      const recorded = await newPage(view);
      opened.push(recorded);
      return recorded;
    },
    async open(url, view) {
      const recorded = await this.fresh(view);
      await recorded.page.goto(url);
      return recorded;
    },
    async keep(view) {
      const recorded = await newPage(view);
      kept.push(recorded);
      return recorded;
    },
  };
}

/** The console's API client dialog. */
export function apiClient(page: Page): Locator {
  return page.getByRole('dialog', { name: 'API Client' });
}

/** The client shows the operation's request: its title and its path template. */
export async function showsRequest(client: Locator, operation: ContractOperation): Promise<void> {
  await client.getByRole('heading', { name: operation.summary, exact: true }).waitFor({ state: 'visible' });
  await client.getByText(operation.path, { exact: true }).filter({ visible: true }).first().waitFor();
}

/** The console opened at an operation's route: it opens that operation's request by itself. */
export async function openRequest(
  suite: ConsoleSuite,
  operation: ContractOperation,
  view?: PageView,
): Promise<{ recorded: RecordedPage; page: Page; client: Locator }> {
  const recorded = await suite.open(`${suite.origin}/docs/console/index.html#${consoleRoute(operation)}`, view);
  const client = apiClient(recorded.page);
  await showsRequest(client, operation);
  return { recorded, page: recorded.page, client };
}

/** A sidebar entry's name starts with its operation's summary, then its method ("HTTP Method: POST"). */
function sidebarEntry(client: Locator, operation: ContractOperation): Locator {
  const summary = operation.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return client.getByRole('button', { name: new RegExp(`^${summary}\\s*HTTP Method`) });
}

/**
 * In a console already loaded, opens an operation's request as a reader
 * does: in the client's own sidebar (shown with its toggle if hidden), then
 * hides the sidebar again where it covers the request (a phone).
 */
export async function openRequestInPage(page: Page, operation: ContractOperation): Promise<Locator> {
  const client = apiClient(page);
  const show = client.getByRole('button', { name: 'Show sidebar' });
  if (await show.isVisible()) await show.click();
  await sidebarEntry(client, operation).click();
  const hide = client.getByRole('button', { name: 'Hide sidebar' });
  const covered = await page.evaluate(() => innerWidth < 768);
  if (covered && (await hide.isVisible())) await hide.click();
  await showsRequest(client, operation);
  return client;
}

/** The next answer the reference server gives the page to a `method` request, as the browser got it. */
export function nextAnswer(suite: ConsoleSuite, page: Page, method: string): Promise<Response> {
  return page.waitForResponse(
    (response) => response.url().startsWith(suite.sandbox.url) && response.request().method() === method,
  );
}

/** Presses Send and returns the answer the browser got. */
export async function send(suite: ConsoleSuite, page: Page, client: Locator, method: string): Promise<Response> {
  const answer = nextAnswer(suite, page, method);
  await client.locator('button', { hasText: /^Send/ }).filter({ visible: true }).first().click();
  return answer;
}

/** The first string anywhere in a JSON value: what the client's response view shows near its top. */
function firstString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object')
    for (const item of Object.values(value)) {
      const found = firstString(item);
      if (found) return found;
    }
  return '';
}

/** Presses Send and waits until the client shows the answer's body (its first string value). */
export async function sendAndShow(
  suite: ConsoleSuite,
  page: Page,
  client: Locator,
  operation: ContractOperation,
): Promise<Response> {
  const answer = await send(suite, page, client, operation.method.toUpperCase());
  await client
    .locator('section[aria-label="Response"] .cm-content')
    .filter({ hasText: firstString(await answer.json()) })
    .first()
    .waitFor({ state: 'visible' });
  return answer;
}

/**
 * The browser logs one console error for an answer of 400 or more (its own
 * "Failed to load resource" line): that one is expected, and only it.
 */
export async function expectOnlyStatusLine(recorded: RecordedPage, status: number): Promise<void> {
  // The line may come a moment after the answer does.
  if (status >= 400) await expect.poll(() => recorded.consoleErrors.length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(recorded.consoleErrors).toEqual(status >= 400 ? [expect.stringContaining(`status of ${status}`)] : []);
  recorded.consoleErrors.length = 0;
}
