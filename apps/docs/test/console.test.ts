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
import { createResponseValidator } from '@freddy/spec';
import { launchChromium, offOriginRequests, openPage, requireChromiumOrSkip } from '@freddy/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, startSiteServer } from '../scripts/serve.mjs';
import { BACK_TEXT, TRY_IT_TEXT } from '../src/console/document.js';
import { consoleRoute, referenceHref, referenceRoute } from '../src/console/links.js';
import { siteDir } from '../src/paths.js';
import { resultsDir } from './support/audit.js';
import { apiClient, contract, openRequest, send, showsRequest, useConsoleSuite } from './support/console.js';
import { requireBuiltSite } from './support/site.js';

const hasChromium = requireChromiumOrSkip();
const CONSOLE_SCREENSHOT = join(resultsDir, 'console-create-thread.png');
const checkResponse = createResponseValidator(contract);
const operations = contract.operations;

describe.skipIf(!hasChromium)('the console in chromium', () => {
  const suite = useConsoleSuite();

  it('opens at /docs/console/ with every operation, pointed at this server with the demo key', async () => {
    const { page, requests } = await suite.open(`${suite.origin}/docs/console/`);
    for (const operation of operations)
      await page.getByText(operation.summary, { exact: true }).first().waitFor({ state: 'visible' });
    expect(requests).toContain(`${suite.origin}/docs/console/scalar.js`);
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
