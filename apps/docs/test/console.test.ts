/**
 * The console beside the reference, in a real browser, served by the
 * reference server at /docs/console/ as `pnpm start` serves it: Scalar's API
 * client alone, opened on the operation the address names (the first one
 * when it names none, saying so), pointed at this server with its demo key;
 * the client's sidebar moves to another operation and the header's link back
 * to the reference follows; a create gets 200 and a following list shows the
 * new thread; two Sends make two writes with two fresh keys; a wrong key gets
 * the documented 401 body; every "Try it" link of the reference leads to its
 * operation's request; it has the reference's logo and colours in both
 * modes; served as a static site it has no key. No page leaves 127.0.0.1 or
 * logs a console error. One console page serves the suite where a test needs
 * no fresh one. Its accessibility audits are in `console-a11y.test.ts`, its
 * keyboard paths (from each operation's "Try it" link) in
 * `console-keyboard.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResponseValidator, describeContract, loadSpec } from '@freddy/spec';
import { launchChromium, offOriginRequests, openPage, type RecordedPage, requireChromiumOrSkip } from '@freddy/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, startSiteServer } from '../scripts/serve.mjs';
import { CLIENT_ENTRY } from '../src/console/build.js';
import {
  BACK_TEXT,
  CONSOLE_INTRO,
  consoleDocument,
  FRESH_HEADER,
  FRESH_KEY_NOTE,
  TRY_IT_TEXT,
} from '../src/console/document.js';
import { consoleRoute, referenceHref, referenceRoute, tryItHref } from '../src/console/links.js';
import { CONSOLE_LINKS_EXTENSION, CONSOLE_START_EXTENSION, FRESH_HEADERS_EXTENSION } from '../src/console/names.js';
import { consoleTheme } from '../src/console/theme.js';
import { consoleWorkspace } from '../src/console/workspace.js';
import { appDir, docsSpecPath, siteDir } from '../src/paths.js';
import { operationObject } from '../src/samples/index.js';
import { resultsDir } from './support/audit.js';
import {
  apiClient,
  contract,
  expectOnlyStatusLine,
  openRequestInPage,
  send,
  showsRequest,
  useConsoleSuite,
} from './support/console.js';
import { requireBuiltSite } from './support/site.js';

const hasChromium = requireChromiumOrSkip();
const CONSOLE_SCREENSHOT = join(resultsDir, 'console-create-thread.png');
const checkResponse = createResponseValidator(contract);
const operations = contract.operations;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the console's document", () => {
  const docs = loadSpec(docsSpecPath);
  const built = consoleDocument(docs);

  it(`marks exactly the operations that take ${FRESH_HEADER} for a fresh one, and gives the header no example`, () => {
    const taking = operations.filter((operation) => operation.parameters.header.some((p) => p.name === FRESH_HEADER));
    expect(taking.length).toBeGreaterThan(0);
    for (const operation of operations) {
      const marked = (operationObject(built, operation) as Record<string, unknown>)[FRESH_HEADERS_EXTENSION];
      expect(marked, operation.id).toEqual(taking.includes(operation) ? [FRESH_HEADER] : undefined);
    }
    const headers = describeContract(built).operations.flatMap((operation) =>
      operation.parameters.header.filter((parameter) => parameter.name === FRESH_HEADER),
    );
    expect(headers.map((parameter) => parameter.example)).toEqual(headers.map(() => undefined));
    for (const parameter of headers) expect(parameter.description).toContain(FRESH_KEY_NOTE);
  });

  it("marks each operation with its console route and its link back to the reference (links.ts's), and starts at the first", () => {
    expect((built as Record<string, unknown>)[CONSOLE_START_EXTENSION]).toBe(consoleRoute(operations[0]!));
    for (const operation of operations)
      expect((operationObject(built, operation) as Record<string, unknown>)[CONSOLE_LINKS_EXTENSION]).toEqual({
        route: consoleRoute(operation),
        reference: referenceHref(operation),
      });
  });

  it("has a short introduction, not the reference's long one", () => {
    expect(built.info.description).toBe(CONSOLE_INTRO);
    expect(docs.info.description!.length).toBeGreaterThan(CONSOLE_INTRO.length * 10);
  });

  it("is read by Scalar's workspace store at build time: the workspace the page loads holds every operation, marked", () => {
    requireBuiltSite();
    const read = (file: string) => readFileSync(join(siteDir, 'console', file), 'utf8');
    const workspace = JSON.parse(read('workspace.json')) as { documents: Record<string, typeof built> };
    // The site's workspace is the store's reading of the site's document.
    expect(JSON.parse(consoleWorkspace(JSON.parse(read('openapi.json'))))).toEqual(workspace);
    const [stored, ...others] = Object.values(workspace.documents);
    expect(others).toEqual([]);
    for (const operation of operations)
      for (const extension of [CONSOLE_LINKS_EXTENSION, FRESH_HEADERS_EXTENSION])
        expect((operationObject(stored!, operation) as Record<string, unknown>)[extension], operation.id).toEqual(
          (operationObject(built, operation) as Record<string, unknown>)[extension],
        );
  });
});

describe("the console's theme", () => {
  it("is the template's colours, and the build refuses a template without them", () => {
    const template = readFileSync(join(appDir, 'src/template.hbs'), 'utf8');
    const theme = consoleTheme(template);
    for (const [, value] of template.matchAll(/--link-color-primary:\s*(#[0-9a-f]+);/gi))
      expect(theme).toContain(`--scalar-color-accent: ${value};`);
    expect(() => consoleTheme(template.replaceAll('--link-color-primary', '--link-colour'))).toThrow(
      /--link-color-primary/,
    );
    expect(() => consoleTheme('<style></style>')).toThrow(/Expected the reference's template to style/);
  });
});

describe.skipIf(!hasChromium)('the console in chromium', () => {
  const suite = useConsoleSuite();
  // One console for the tests that need no fresh one, opened by the first (at /docs/console/, no route).
  let shared: RecordedPage;
  let client: Locator;
  const back = (page: Page) => page.getByRole('link', { name: BACK_TEXT });

  it("opens on the contract's first operation when the address names none, says so, and points at this server with the demo key", async () => {
    shared = await suite.keep();
    const { page, requests } = shared;
    await page.goto(`${suite.origin}/docs/console/`);
    client = apiClient(page);
    const first = operations[0]!;
    await showsRequest(client, first);
    await page.getByText('the address names none').waitFor({ state: 'visible' });
    expect(await back(page).getAttribute('href')).toBe(referenceHref(first));
    expect(requests).toContain(`${suite.origin}/docs/console/${CLIENT_ENTRY}`);
    expect(requests).toContain(`${suite.origin}/docs/console/config.json`);
    await client.getByText(suite.sandbox.url).first().waitFor({ state: 'visible' });
  });

  it("moves to another operation in the client's sidebar, and the header's link back and the address follow", async () => {
    const { page } = shared;
    for (const operation of [operations.at(-1)!, contract.operation('createThread')]) {
      await openRequestInPage(page, operation);
      await expect.poll(() => back(page).getAttribute('href')).toBe(referenceHref(operation));
      expect(new URL(page.url()).hash).toBe(`#${consoleRoute(operation)}`);
      await page.getByText(operation.summary, { exact: true }).first().waitFor({ state: 'visible' });
    }
    expect(await page.getByText('the address names none').isVisible()).toBe(false);
  });

  it('creates a thread with Send (200), and a following list shows it', async () => {
    const { page } = shared;
    await openRequestInPage(page, contract.operation('createThread'));
    const created = await send(suite, page, client, 'POST');
    expect(created.status()).toBe(200);
    expect(created.request().headers().authorization).toBe(`Bearer ${suite.sandbox.credentials.demo.apiKey}`);
    const thread = (await created.json()) as { id: string };
    expect(checkResponse('createThread', 200, thread)).toEqual({ valid: true, errors: '' });
    await client.getByText('200 OK').first().waitFor({ state: 'visible' });
    await client.getByText(thread.id).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: CONSOLE_SCREENSHOT });

    await openRequestInPage(page, contract.operation('listThreads'));
    const listed = await send(suite, page, client, 'GET');
    expect(listed.status()).toBe(200);
    const list = (await listed.json()) as { data: { id: string }[] };
    expect(checkResponse('listThreads', 200, list)).toEqual({ valid: true, errors: '' });
    expect(list.data.map((item) => item.id)).toContain(thread.id);
    await client.getByText(thread.id).first().waitFor({ state: 'visible' });
  });

  it(`sends a fresh ${FRESH_HEADER} with every Send: Send twice on Create thread makes two threads, both listed`, async () => {
    const { page } = shared;
    await openRequestInPage(page, contract.operation('createThread'));
    const first = await send(suite, page, client, 'POST');
    const second = await send(suite, page, client, 'POST');
    const keys = [first, second].map((answer) => answer.request().headers()[FRESH_HEADER.toLowerCase()]);
    expect(keys).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID)]);
    expect(keys[0]).not.toBe(keys[1]);
    expect([first.status(), second.status()]).toEqual([200, 200]);
    expect(second.headers()['idempotent-replayed']).toBeUndefined();
    const ids = await Promise.all([first, second].map(async (answer) => ((await answer.json()) as { id: string }).id));
    expect(ids[0]).not.toBe(ids[1]);

    await openRequestInPage(page, contract.operation('listThreads'));
    const listed = (await (await send(suite, page, client, 'GET')).json()) as { data: { id: string }[] };
    expect(listed.data.map((item) => item.id)).toEqual(expect.arrayContaining(ids));
  });

  it(`keeps the ${FRESH_HEADER} the reader typed`, async () => {
    const { page } = shared;
    await openRequestInPage(page, contract.operation('createThread'));
    const typed = '0b5c8f5e-3d7a-4c1e-9f2b-6a4d8e1c7b90';
    // The header's row in the client's table: its value is the last cell's editor.
    const row = client.locator('tr').filter({ hasText: FRESH_HEADER }).first();
    const value = row.locator('td').last().locator('[contenteditable="true"]').first();
    await value.click();
    await page.keyboard.type(typed);
    const answer = await send(suite, page, client, 'POST');
    expect(answer.request().headers()[FRESH_HEADER.toLowerCase()]).toBe(typed);
    expect(answer.status()).toBe(200);
  });

  it('shows the documented 401 body for a wrong key', async () => {
    const { page } = shared;
    await openRequestInPage(page, contract.operation('createThread'));
    const token = client.getByRole('textbox', { name: 'Bearer Token' });
    await token.fill('ak_not_a_real_key');
    const answer = await send(suite, page, client, 'POST');
    expect(answer.status()).toBe(401);
    const body = (await answer.json()) as { error: { code: string } };
    expect(checkResponse('createThread', 401, body)).toEqual({ valid: true, errors: '' });
    expect(body.error.code).toBe('invalid_api_key');
    await client.getByText('invalid_api_key').first().waitFor({ state: 'visible' });
    // The browser's own line for a 401 answer is the one console error here, and it is the point.
    await expectOnlyStatusLine(shared, 401);
  });

  it('leads each of the reference\'s "Try it" links to its operation\'s request; followed, the header links back', async () => {
    const reference = await suite.open(`${suite.origin}/docs/#${referenceRoute(operations[0]!)}`);
    const { page } = reference;
    for (const operation of operations) {
      await page.evaluate(
        (hash) => {
          location.hash = hash;
        },
        `#${referenceRoute(operation)}`,
      );
      const section = page.locator(`[id="${referenceRoute(operation).slice(1)}"]`);
      expect(await section.getByRole('link', { name: TRY_IT_TEXT }).first().getAttribute('href')).toBe(
        tryItHref(operation),
      );
    }
    // One followed (the rest are followed one by one in console-keyboard.test.ts) ...
    const followed = operations.at(-1)!;
    const section = page.locator(`[id="${referenceRoute(followed).slice(1)}"]`);
    await section.getByRole('link', { name: TRY_IT_TEXT }).first().click();
    await page.waitForURL(`${suite.origin}/docs/${tryItHref(followed)}`);
    await showsRequest(apiClient(page), followed);
    // ... and each route opens its request in a console already open, as a link followed within it does.
    for (const operation of operations) {
      await page.goto(`${suite.origin}/docs/${tryItHref(operation)}`);
      await showsRequest(apiClient(page), operation);
      expect(await back(page).getAttribute('href')).toBe(referenceHref(operation));
    }
    // Closed, the page offers the request again, and its header leads back to the reference.
    await page.keyboard.press('Escape');
    await apiClient(page).waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Open the request' }).click();
    await showsRequest(apiClient(page), operations.at(-1)!);
    await page.keyboard.press('Escape');
    await back(page).click();
    await page.waitForURL(`${suite.origin}/docs/index.html#${referenceRoute(operations.at(-1)!)}`);
    await page
      .locator(`[id="${referenceRoute(operations.at(-1)!).slice(1)}"] h2`)
      .first()
      .waitFor({ state: 'visible' });
  });

  it('looks like the reference in light and dark mode: its logo, linking to it, and its link colour as the accent', async () => {
    const { page } = shared;
    for (const mode of ['light', 'dark'] as const) {
      // The reference picks its mode as it loads; the console follows a change of the system's at once.
      const reference = await suite.open(`${suite.origin}/docs/`, { colorScheme: mode });
      await page.emulateMedia({ colorScheme: mode });
      const linkColour = await reference.page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--link-color-primary').trim(),
      );
      expect(linkColour).toMatch(/^#[0-9a-f]{6}$/i);
      // Scalar's client marks its mode with body.light-mode / body.dark-mode; the page follows the system's.
      await expect.poll(() => page.evaluate(() => document.body.className)).toContain(`${mode}-mode`);
      const accent = await page.evaluate(() =>
        getComputedStyle(document.body).getPropertyValue('--scalar-color-accent'),
      );
      expect(accent.trim(), mode).toBe(linkColour);
      const logo = page.getByRole('link', { name: 'Freddy Threads API reference' });
      expect(await logo.getAttribute('href')).toBe('../index.html');
      const shown = await logo.locator('img').evaluate((img: HTMLImageElement) => ({
        loaded: img.complete && img.naturalWidth > 0,
        content: getComputedStyle(img).content,
      }));
      expect(shown.loaded).toBe(true);
      expect(shown.content).toContain(mode === 'dark' ? 'logo-dark.svg' : 'logo.svg');
      await page.screenshot({ path: join(resultsDir, `console-${mode}.png`) });
    }
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
    await showsRequest(apiClient(recorded.page), operations[0]!);
    await recorded.page.getByText(operations[0]!.server.url).first().waitFor({ state: 'visible' });
    expect(await apiClient(recorded.page).getByRole('textbox', { name: 'Bearer Token' }).inputValue()).toBe('');
    await recorded.page.close();
    expect(offOriginRequests(recorded.requests)).toEqual([]);
    expect(recorded.consoleErrors).toEqual([]);
  });
});
