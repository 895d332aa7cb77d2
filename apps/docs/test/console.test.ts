/**
 * The console beside the reference, in a real browser, served by the
 * reference server at /docs/console/ as `pnpm start` serves it: it opens with
 * the server's base URL and demo key filled in, a create gets 200 and a
 * following list shows the new thread, a wrong key gets the documented 401
 * body, every "Try it" link of the reference opens the right request, the
 * console links back, it passes axe-core's WCAG 2.1 AA audit at desktop and
 * phone width in light and dark mode (open and after a Send), and every
 * operation is reached from the reference and sent with Tab and Enter alone.
 * No page leaves 127.0.0.1 or logs a console error.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@freddy/sandbox';
import { type ContractOperation, createResponseValidator, describeContract } from '@freddy/spec';
import {
  type AxeFinding,
  auditAccessibility,
  closeCheckedPages,
  launchChromium,
  offOriginRequests,
  openPage,
  type PageView,
  type RecordedPage,
  requireChromiumOrSkip,
} from '@freddy/testing';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, startSiteServer } from '../scripts/serve.mjs';
import { BACK_TEXT, TRY_IT_TEXT } from '../src/console/document.js';
import { consoleRoute, referenceHref, referenceRoute } from '../src/console/links.js';
import { appDir, siteDir } from '../src/paths.js';
import { AUDITED_VIEWS, injectFaintLine } from './support/audit.js';
import { requireBuiltSite } from './support/site.js';

const hasChromium = requireChromiumOrSkip();
const resultsDir = join(appDir, 'test-results');
const CONSOLE_SCREENSHOT = join(resultsDir, 'console-create-thread.png');
const contract = describeContract();
const checkResponse = createResponseValidator(contract);
const operations = contract.operations;
/** Audited in every view: a write that answers 200 and a read of an example id that answers 404. */
const OPERATIONS_IN_EVERY_VIEW = [contract.operation('createThread'), contract.operation('retrieveThread')];
/** Far more than any path here takes (to an operation in the sidebar, then its "Try it" link: a few dozen stops). */
const MAX_TABS = 200;

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

describe.skipIf(!hasChromium)('the console in chromium', () => {
  let browser: Browser;
  let sandbox: Sandbox;
  let origin: string;
  const opened: RecordedPage[] = [];

  beforeAll(async () => {
    requireBuiltSite();
    mkdirSync(resultsDir, { recursive: true });
    sandbox = await startSandbox({ port: 0, memory: true, rateLimit: false, docsDir: siteDir });
    origin = new URL(sandbox.url).origin;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  async function open(url: string, view?: PageView): Promise<RecordedPage> {
    const recorded = await openPage(browser, view);
    recorded.page.setDefaultTimeout(60_000);
    opened.push(recorded);
    await recorded.page.goto(url);
    return recorded;
  }

  /** The console opened at an operation: it opens that operation's request by itself. */
  async function openRequest(operationId: string, view?: PageView): Promise<{ page: Page; client: Locator }> {
    const operation = contract.operation(operationId);
    const { page } = await open(`${origin}/docs/console/index.html#${consoleRoute(operation)}`, view);
    const client = page.getByRole('dialog', { name: 'API Client' });
    await showsRequest(client, operation);
    return { page, client };
  }

  /** The client shows the operation's request: its title and its path template. */
  async function showsRequest(client: Locator, operation: ContractOperation): Promise<void> {
    await client.getByRole('heading', { name: operation.summary, exact: true }).waitFor({ state: 'visible' });
    await client.getByText(operation.path, { exact: true }).filter({ visible: true }).first().waitFor();
  }

  /** Presses Send and returns the answer the browser got. */
  async function send(page: Page, client: Locator, method: string): Promise<Response> {
    const answer = page.waitForResponse(
      (response) => response.url().startsWith(sandbox.url) && response.request().method() === method,
    );
    await client.locator('button', { hasText: /^Send/ }).filter({ visible: true }).first().click();
    return answer;
  }

  // Every page of every test: nothing off 127.0.0.1, no console error.
  afterEach(() => closeCheckedPages(opened));

  it('opens at /docs/console/ with every operation, pointed at this server with the demo key', async () => {
    const { page, requests } = await open(`${origin}/docs/console/`);
    for (const operation of operations)
      await page.getByText(operation.summary, { exact: true }).first().waitFor({ state: 'visible' });
    expect(requests).toContain(`${origin}/docs/console/scalar.js`);
    expect(requests).toContain(`${origin}/docs/console/config.json`);
    await page.getByText(sandbox.url).first().waitFor({ state: 'visible' });
  });

  it('creates a thread with Send (200), and a following list shows it', async () => {
    const create = await openRequest('createThread');
    const created = await send(create.page, create.client, 'POST');
    expect(created.status()).toBe(200);
    expect(created.request().headers().authorization).toBe(`Bearer ${sandbox.credentials.demo.apiKey}`);
    const thread = (await created.json()) as { id: string };
    expect(checkResponse('createThread', 200, thread)).toEqual({ valid: true, errors: '' });
    await create.client.getByText('200 OK').first().waitFor({ state: 'visible' });
    await create.client.getByText(thread.id).first().waitFor({ state: 'visible' });
    await create.page.screenshot({ path: CONSOLE_SCREENSHOT });

    const list = await openRequest('listThreads');
    const listed = await send(list.page, list.client, 'GET');
    expect(listed.status()).toBe(200);
    const page = (await listed.json()) as { data: { id: string }[] };
    expect(checkResponse('listThreads', 200, page)).toEqual({ valid: true, errors: '' });
    expect(page.data.map((item) => item.id)).toContain(thread.id);
    await list.client.getByText(thread.id).first().waitFor({ state: 'visible' });
  });

  it('shows the documented 401 body for a wrong key', async () => {
    const { page, client } = await openRequest('createThread');
    const token = client.getByRole('textbox', { name: 'Bearer Token' });
    await token.fill('ak_not_a_real_key');
    const answer = await send(page, client, 'POST');
    expect(answer.status()).toBe(401);
    const body = (await answer.json()) as { error: { code: string } };
    expect(checkResponse('createThread', 401, body)).toEqual({ valid: true, errors: '' });
    expect(body.error.code).toBe('invalid_api_key');
    await client.getByText('invalid_api_key').first().waitFor({ state: 'visible' });
    // The browser's own line for a 401 answer is the one console error here, and it is the point.
    const recorded = opened.at(-1)!;
    expect(recorded.consoleErrors).toEqual([expect.stringContaining('status of 401')]);
    recorded.consoleErrors.length = 0;
  });

  it.each(operations.map((operation) => [operation.id, operation] as const))(
    'the reference\'s "Try it" link of %s opens its request in the console',
    async (_, operation) => {
      const { page } = await open(`${origin}/docs/#${referenceRoute(operation)}`);
      const section = page.locator(`[id="${referenceRoute(operation).slice(1)}"]`);
      await section.getByRole('link', { name: TRY_IT_TEXT }).first().click();
      await page.waitForURL(`${origin}/docs/console/index.html#${consoleRoute(operation)}`);
      await showsRequest(page.getByRole('dialog', { name: 'API Client' }), operation);
    },
  );

  /**
   * The browser logs one console error for an answer of 400 or more (its own
   * "Failed to load resource" line): that one is expected, and only it.
   */
  async function expectOnlyStatusLine(status: number): Promise<void> {
    const recorded = opened.at(-1)!;
    // The line may come a moment after the answer does.
    if (status >= 400) await expect.poll(() => recorded.consoleErrors.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(recorded.consoleErrors).toEqual(status >= 400 ? [expect.stringContaining(`status of ${status}`)] : []);
    recorded.consoleErrors.length = 0;
  }

  /** Presses Send and waits until the client shows the answer's body (its first string value). */
  async function sendAndShow(page: Page, client: Locator, operation: ContractOperation): Promise<Response> {
    const answer = await send(page, client, operation.method.toUpperCase());
    await client
      .locator('section[aria-label="Response"] .cm-content')
      .filter({ hasText: firstString(await answer.json()) })
      .first()
      .waitFor({ state: 'visible' });
    return answer;
  }

  describe.each(AUDITED_VIEWS)('audited (axe-core, WCAG 2.1 AA) at %s in %s mode', (name, mode, view) => {
    /** The page shows the mode asked for: Scalar follows prefers-color-scheme with `body.dark-mode`. */
    async function inMode(page: Page): Promise<void> {
      expect(await page.evaluate(() => document.body.classList.contains('dark-mode'))).toBe(mode === 'dark');
    }

    it('the overview has no violation', async () => {
      const { page } = await open(`${origin}/docs/console/`, view);
      await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
      await inMode(page);
      expect(await auditAccessibility(page)).toEqual([]);
      await page.screenshot({ path: join(resultsDir, `a11y-console-${name}-${mode}-overview.png`) });
    });

    // Every operation at desktop width in light mode; in the other views a write and a read that answers 404.
    const audited = name === '1400x900' && mode === 'light' ? operations : OPERATIONS_IN_EVERY_VIEW;
    it.each(audited.map((operation) => [operation.id, operation] as const))(
      'with %s open, and after its Send, it has no violation',
      async (_, operation) => {
        const { page, client } = await openRequest(operation.id, view);
        await inMode(page);
        expect(await auditAccessibility(page)).toEqual([]);
        const answer = await sendAndShow(page, client, operation);
        expect(await auditAccessibility(page)).toEqual([]);
        await expectOnlyStatusLine(answer.status());
        if (operation.id === 'createThread')
          await page.screenshot({ path: join(resultsDir, `a11y-console-${name}-${mode}-sent.png`) });
      },
    );
  });

  it('catches a page that breaks a rule: one faint line injected is exactly what it reports', async () => {
    const { page, client } = await openRequest('createThread');
    await injectFaintLine(client.getByRole('heading', { name: 'Create thread', exact: true }), 'light');
    const findings = await auditAccessibility(page);
    expect(findings.map((finding) => [finding.rule, finding.elements.length])).toEqual([['color-contrast', 1]]);
    expect(findings[0]!.elements[0]).toMatch(/^#faint-line /);
  });

  it("needs each ARIA repair: without aria-repairs.js, Scalar's markup fails exactly the rules it repairs", async () => {
    const recorded = await openPage(browser, AUDITED_VIEWS[2]![2]);
    recorded.page.setDefaultTimeout(60_000);
    opened.push(recorded);
    await recorded.page.route('**/docs/console/aria-repairs.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: '' }),
    );
    const operation = contract.operation('createThread');
    await recorded.page.goto(`${origin}/docs/console/index.html#${consoleRoute(operation)}`);
    const client = recorded.page.getByRole('dialog', { name: 'API Client' });
    await showsRequest(client, operation);
    await sendAndShow(recorded.page, client, operation);
    const rules = (findings: AxeFinding[]) => findings.map((finding) => finding.rule).sort();
    expect(rules(await auditAccessibility(recorded.page))).toEqual([
      'aria-input-field-name',
      'aria-prohibited-attr',
      'aria-required-attr',
      'aria-valid-attr-value',
      'scrollable-region-focusable',
    ]);
  });

  /**
   * Presses `key` (Tab, or Shift+Tab to go back) until `target` has the
   * focus; fails naming the stops it made if it never does.
   */
  async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
    await target.waitFor({ state: 'visible' });
    const stops: string[] = [];
    for (let presses = 0; presses < MAX_TABS; presses++) {
      await page.keyboard.press(key);
      if (await target.evaluate((element) => element === document.activeElement)) return;
      stops.push(
        await page.evaluate(() => {
          const focused = document.activeElement;
          return `${focused?.tagName.toLowerCase()} "${focused?.textContent?.trim().slice(0, 30)}"`;
        }),
      );
    }
    throw new Error(`${MAX_TABS} presses of ${key} never reached ${target}; it stopped at ${stops.join(', ')}`);
  }

  it.each(operations.map((operation) => [operation.id, operation] as const))(
    '%s: reached in the reference and sent from the console with Tab and Enter alone',
    async (_, operation) => {
      const route = referenceRoute(operation);
      const { page } = await open(`${origin}/docs/`);
      await tabTo(page, page.locator(`a[href$="#${route}"]`).first());
      await page.keyboard.press('Enter');
      const section = page.locator(`[id="${route.slice(1)}"]`);
      await section.locator('h2').first().waitFor({ state: 'visible' });
      expect(new URL(page.url()).hash).toBe(`#${route}`);

      await tabTo(page, section.getByRole('link', { name: TRY_IT_TEXT }).first());
      await page.keyboard.press('Enter');
      await page.waitForURL(`${origin}/docs/console/index.html#${consoleRoute(operation)}`);
      const client = page.getByRole('dialog', { name: 'API Client' });
      await showsRequest(client, operation);

      // The client opens with the focus on its Close button; Send is the stop before it. (Forward, the
      // body editor takes Tab to indent, as CodeMirror does; Escape, then Tab, leaves it.)
      await tabTo(page, client.locator('button', { hasText: /^Send/ }).filter({ visible: true }).first(), 'Shift+Tab');
      const answer = page.waitForResponse(
        (response) =>
          response.url().startsWith(sandbox.url) && response.request().method() === operation.method.toUpperCase(),
      );
      await page.keyboard.press('Enter');
      const sent = await answer;
      const path = new RegExp(`^/v1${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      expect(new URL(sent.url()).pathname).toMatch(path);
      expect(sent.request().headers().authorization ?? sent.request().headers()['x-api-key']).toContain(
        sandbox.credentials.demo.apiKey,
      );
      await expectOnlyStatusLine(sent.status());
    },
  );

  it('links each operation back to the reference', async () => {
    const operation = contract.operation('pinThread');
    const { page, client } = await openRequest('pinThread');
    await page.keyboard.press('Escape');
    await client.waitFor({ state: 'hidden' });
    const back = page.locator(`a[href="${referenceHref(operation)}"]`, { hasText: BACK_TEXT });
    await back.click();
    await page.waitForURL(`${origin}/docs/index.html#${referenceRoute(operation)}`);
    await page
      .locator(`[id="${referenceRoute(operation).slice(1)}"] h2`)
      .first()
      .waitFor({ state: 'visible' });
  });
});

describe.skipIf(!hasChromium)('the console as a static site', () => {
  let browser: Browser;
  let site: SiteServer;

  beforeAll(async () => {
    requireBuiltSite();
    site = await startSiteServer({ prefix: '/docs/' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("has no key (its config.json is empty), and offers the contract's servers", async () => {
    expect(JSON.parse(readFileSync(join(siteDir, 'console', 'config.json'), 'utf8'))).toEqual({});
    const recorded = await openPage(browser);
    await recorded.page.goto(`${site.url}console/`);
    await recorded.page.getByText('Create thread', { exact: true }).first().waitFor({ state: 'visible' });
    await recorded.page.getByText(contract.operation('createThread').server.url).first().waitFor({ state: 'visible' });
    await recorded.page.close();
    expect(offOriginRequests(recorded.requests)).toEqual([]);
    expect(recorded.consoleErrors).toEqual([]);
  });
});
