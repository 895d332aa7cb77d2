/**
 * The console beside the reference, in a real browser, served by the
 * reference server at /docs/console/ as `pnpm start` serves it: it opens with
 * the server's base URL and demo key filled in, a create gets 200 and a
 * following list shows the new thread, a wrong key gets the documented 401
 * body, every "Try it" link of the reference opens the right request, and the
 * console links back; served as a static site it has no key. No page leaves
 * 127.0.0.1 or logs a console error. Its accessibility audits are in
 * `console-a11y.test.ts`, its keyboard paths in `console-keyboard.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResponseValidator, describeContract, loadSpec } from '@freddy/spec';
import { launchChromium, offOriginRequests, openPage, requireChromiumOrSkip } from '@freddy/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, startSiteServer } from '../scripts/serve.mjs';
import { SCALAR_ENTRY } from '../src/console/build.js';
import {
  BACK_TEXT,
  CONSOLE_INTRO,
  consoleDocument,
  FRESH_HEADER,
  FRESH_HEADERS_EXTENSION,
  FRESH_KEY_NOTE,
  TRY_IT_TEXT,
} from '../src/console/document.js';
import { consoleRoute, referenceHref, referenceRoute } from '../src/console/links.js';
import { consoleTheme } from '../src/console/theme.js';
import { appDir, docsSpecPath, siteDir } from '../src/paths.js';
import { operationObject } from '../src/samples/index.js';
import { resultsDir } from './support/audit.js';
import { apiClient, contract, openRequest, send, showsRequest, useConsoleSuite } from './support/console.js';
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

  it("has a short introduction, not the reference's long one", () => {
    expect(built.info.description).toBe(CONSOLE_INTRO);
    expect(docs.info.description!.length).toBeGreaterThan(CONSOLE_INTRO.length * 10);
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

  it('opens at /docs/console/ with every operation, pointed at this server with the demo key', async () => {
    const { page, requests } = await suite.open(`${suite.origin}/docs/console/`);
    for (const operation of operations)
      await page.getByText(operation.summary, { exact: true }).first().waitFor({ state: 'visible' });
    expect(requests).toContain(`${suite.origin}/docs/console/${SCALAR_ENTRY}`);
    expect(requests).toContain(`${suite.origin}/docs/console/config.json`);
    await page.getByText(suite.sandbox.url).first().waitFor({ state: 'visible' });
  });

  it('creates a thread with Send (200), and a following list shows it', async () => {
    const create = await openRequest(suite, contract.operation('createThread'));
    const created = await send(suite, create.page, create.client, 'POST');
    expect(created.status()).toBe(200);
    expect(created.request().headers().authorization).toBe(`Bearer ${suite.sandbox.credentials.demo.apiKey}`);
    const thread = (await created.json()) as { id: string };
    expect(checkResponse('createThread', 200, thread)).toEqual({ valid: true, errors: '' });
    await create.client.getByText('200 OK').first().waitFor({ state: 'visible' });
    await create.client.getByText(thread.id).first().waitFor({ state: 'visible' });
    await create.page.screenshot({ path: CONSOLE_SCREENSHOT });

    const list = await openRequest(suite, contract.operation('listThreads'));
    const listed = await send(suite, list.page, list.client, 'GET');
    expect(listed.status()).toBe(200);
    const page = (await listed.json()) as { data: { id: string }[] };
    expect(checkResponse('listThreads', 200, page)).toEqual({ valid: true, errors: '' });
    expect(page.data.map((item) => item.id)).toContain(thread.id);
    await list.client.getByText(thread.id).first().waitFor({ state: 'visible' });
  });

  it.each(['light', 'dark'] as const)(
    'looks like the reference in %s mode: its logo, linking to it, and its link colour as the accent',
    async (mode) => {
      const reference = await suite.open(`${suite.origin}/docs/`, { colorScheme: mode });
      const linkColour = await reference.page.evaluate(() => {
        const style = getComputedStyle(document.documentElement);
        return style.getPropertyValue('--link-color-primary').trim();
      });
      expect(linkColour).toMatch(/^#[0-9a-f]{6}$/i);
      const { page } = await suite.open(`${suite.origin}/docs/console/`, { colorScheme: mode });
      await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
      expect(await page.evaluate(() => document.body.classList.contains('dark-mode'))).toBe(mode === 'dark');
      const accent = await page.evaluate(() =>
        getComputedStyle(document.body).getPropertyValue('--scalar-color-accent'),
      );
      expect(accent.trim()).toBe(linkColour);
      const logo = page.getByRole('link', { name: 'Freddy Threads API reference' });
      await logo.waitFor({ state: 'visible' });
      expect(await logo.getAttribute('href')).toBe('../index.html');
      const shown = await logo.locator('img').evaluate((img: HTMLImageElement) => ({
        loaded: img.complete && img.naturalWidth > 0,
        content: getComputedStyle(img).content,
      }));
      expect(shown.loaded).toBe(true);
      expect(shown.content).toContain(mode === 'dark' ? 'logo-dark.svg' : 'logo.svg');
    },
  );

  it(`sends a fresh ${FRESH_HEADER} with every Send: Send twice on Create thread makes two threads, both listed`, async () => {
    const create = await openRequest(suite, contract.operation('createThread'));
    const first = await send(suite, create.page, create.client, 'POST');
    const second = await send(suite, create.page, create.client, 'POST');
    const keys = [first, second].map((answer) => answer.request().headers()[FRESH_HEADER.toLowerCase()]);
    expect(keys).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID)]);
    expect(keys[0]).not.toBe(keys[1]);
    expect([first.status(), second.status()]).toEqual([200, 200]);
    expect(second.headers()['idempotent-replayed']).toBeUndefined();
    const ids = await Promise.all([first, second].map(async (answer) => ((await answer.json()) as { id: string }).id));
    expect(ids[0]).not.toBe(ids[1]);

    const list = await openRequest(suite, contract.operation('listThreads'));
    const listed = (await (await send(suite, list.page, list.client, 'GET')).json()) as { data: { id: string }[] };
    expect(listed.data.map((item) => item.id)).toEqual(expect.arrayContaining(ids));
  });

  it('shows the documented 401 body for a wrong key', async () => {
    const { recorded, page, client } = await openRequest(suite, contract.operation('createThread'));
    const token = client.getByRole('textbox', { name: 'Bearer Token' });
    await token.fill('ak_not_a_real_key');
    const answer = await send(suite, page, client, 'POST');
    expect(answer.status()).toBe(401);
    const body = (await answer.json()) as { error: { code: string } };
    expect(checkResponse('createThread', 401, body)).toEqual({ valid: true, errors: '' });
    expect(body.error.code).toBe('invalid_api_key');
    await client.getByText('invalid_api_key').first().waitFor({ state: 'visible' });
    // The browser's own line for a 401 answer is the one console error here, and it is the point.
    expect(recorded.consoleErrors).toEqual([expect.stringContaining('status of 401')]);
    recorded.consoleErrors.length = 0;
  });

  it.each(operations.map((operation) => [operation.id, operation] as const))(
    'the reference\'s "Try it" link of %s opens its request in the console',
    async (_, operation) => {
      const { page } = await suite.open(`${suite.origin}/docs/#${referenceRoute(operation)}`);
      const section = page.locator(`[id="${referenceRoute(operation).slice(1)}"]`);
      await section.getByRole('link', { name: TRY_IT_TEXT }).first().click();
      await page.waitForURL(`${suite.origin}/docs/console/index.html#${consoleRoute(operation)}`);
      await showsRequest(apiClient(page), operation);
    },
  );

  it('links each operation back to the reference', async () => {
    const operation = contract.operation('pinThread');
    const { page, client } = await openRequest(suite, operation);
    await page.keyboard.press('Escape');
    await client.waitFor({ state: 'hidden' });
    const back = page.locator(`a[href="${referenceHref(operation)}"]`, { hasText: BACK_TEXT });
    await back.click();
    await page.waitForURL(`${suite.origin}/docs/index.html#${referenceRoute(operation)}`);
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
