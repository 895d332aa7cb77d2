/**
 * The built site in a real browser, served under /docs/ as the reference
 * server serves it, and opened from disk: every operation renders at its
 * anchor and from the sidebar (open at first sight), its samples wrap, search
 * works, the logo, favicon and theme are ours, and it never leaves 127.0.0.1
 * nor logs a console error. Its accessibility audits are in
 * `browser-a11y.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeContract } from '@freddy/spec';
import {
  closeCheckedPages,
  offOriginRequests,
  openPage,
  type PageView,
  type RecordedPage,
  requireChromiumOrSkip,
  withSandbox,
} from '@freddy/testing';
import { describe, expect, it, type TestContext } from 'vitest';
import { MARKDOWN_LINK_TEXT } from '../src/markdown/html-links.js';
import { operationPagePath } from '../src/markdown/locations.js';
import { appDir, siteDir } from '../src/paths.js';
import { quickstartSamples } from '../src/quickstart/calls.js';
import { QUICKSTART_ROUTE } from '../src/quickstart/page.js';
import { resultsDir } from './support/audit.js';
import { redocHeading as heading, siteIndex, siteOperations, useServedSite } from './support/site.js';

const hasChromium = requireChromiumOrSkip();

// The tests run side by side, each in pages of its own: most of their time is spent waiting on the browser.
describe.skipIf(!hasChromium)('docs site in chromium', { concurrent: true }, () => {
  const served = useServedSite(resultsDir);
  const operations = siteOperations();

  /** A page of this test's own, closed and checked when it ends: nothing off 127.0.0.1, no console error. */
  async function checkedPage(finished: TestContext['onTestFinished'], view?: PageView): Promise<RecordedPage> {
    const recorded = await openPage(served.browser, view);
    finished(() => closeCheckedPages([recorded]));
    return recorded;
  }

  async function open(finished: TestContext['onTestFinished'], hash = ''): Promise<RecordedPage> {
    const recorded = await checkedPage(finished);
    await recorded.page.goto(`${served.site.url}${hash}`);
    return recorded;
  }

  it('documents every operation of the contract, as the built document has them', () => {
    expect(operations.map((op) => op.operationId)).toEqual(describeContract().operations.map((op) => op.id));
  });

  it.for(operations.map((op) => [op.operationId, op] as const))(
    'renders %s at its anchor, with request, responses and its generated curl sample',
    async ([, op], { onTestFinished }) => {
      const { page } = await open(onTestFinished, `#/${op.route}`);
      const section = page.locator(`[id="${op.route}"]`);
      await heading(section, 'h2', op.summary).waitFor({ state: 'visible' });
      await heading(section, 'h3, h4', 'Request').waitFor({ state: 'visible' });
      await heading(section, 'h3, h4', 'Responses').waitFor({ state: 'visible' });
      // The right-hand panel shows the generated sample, not one Redoc made up.
      const sample = section.locator('pre, code').filter({ hasText: op.firstCurlLine }).first();
      await sample.waitFor({ state: 'visible' });
      // Long lines wrap in the panel: nothing to scroll sideways.
      const block = section.locator('.panel-request-samples pre').first();
      expect(await block.evaluate((pre) => pre.scrollWidth - pre.clientWidth)).toBeLessThanOrEqual(1);
      const markdown = section.getByRole('link', { name: MARKDOWN_LINK_TEXT, exact: true });
      expect(await markdown.getAttribute('href')).toBe(operationPagePath({ id: op.operationId }));
    },
  );

  it('offers exactly the four generated languages, and shows the @freddy/client sample', async ({ onTestFinished }) => {
    const { page } = await open(onTestFinished, '#/threads/pinthread');
    const section = page.locator('[id="threads/pinthread"]');
    await section.getByRole('button', { name: 'curl', exact: true }).first().click();
    const items = page.getByRole('menuitem');
    await items.first().waitFor({ state: 'visible' });
    expect((await items.allTextContents()).map((text) => text.trim())).toEqual([
      'curl',
      'JavaScript',
      'Python',
      'TypeScript',
    ]);
    await items.filter({ hasText: 'TypeScript' }).click();
    await section
      .locator('pre, code')
      .filter({ hasText: 'client.threads.pin("thrd_abc123")' })
      .first()
      .waitFor({ state: 'visible' });
  });

  it('opens with the quickstart: first in the sidebar and first on the page, with its curl, TypeScript and Python', async ({
    onTestFinished,
  }) => {
    const { page } = await open(onTestFinished);
    const quickstart = page.locator(`[id="${QUICKSTART_ROUTE.slice(1)}"]`);
    await quickstart.waitFor({ state: 'visible' });
    // The sidebar's entries in order: the overview, then the quickstart before any other section or operation.
    const entries = await page
      .locator('a:has([data-testid="menu-item-label"])')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).hash));
    expect(entries[1]).toBe(`#${QUICKSTART_ROUTE}`);
    expect(entries.filter((hash) => hash.startsWith('#/section/'))[0]).toBe(`#${QUICKSTART_ROUTE}`);
    // On the page, the first heading under the title.
    const headings = await page.locator('h1, h2').evaluateAll((found) => found.map((heading) => heading.id));
    expect(headings.filter(Boolean)[0]).toBe(QUICKSTART_ROUTE.slice(1));
    // Each sample whole (only the quickstart's print both answers).
    for (const sample of quickstartSamples(describeContract())) {
      const block = page.locator('pre').filter({ hasText: sample.source }).first();
      await block.waitFor({ state: 'visible' });
      // Long lines wrap, as the samples' do: a block that scrolled sideways would need the keyboard focus.
      expect(await block.evaluate((pre) => pre.scrollWidth - pre.clientWidth)).toBeLessThanOrEqual(1);
    }
    await quickstart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'docs-quickstart.png') });
  });

  it('lists every operation in the sidebar at first sight, and each entry opens it', async ({ onTestFinished }) => {
    const { page } = await open(onTestFinished);
    // No click first: the Threads group is open when the page opens.
    for (const op of operations) {
      const link = page.locator(`a[href$="#/${op.route}"]`).first();
      await link.waitFor({ state: 'visible' });
      expect(await link.textContent()).toContain(op.summary);
    }
    for (const op of operations) {
      await page.locator(`a[href$="#/${op.route}"]`).first().click();
      await heading(page.locator(`[id="${op.route}"]`), 'h2', op.summary).waitFor({ state: 'visible' });
      expect(new URL(page.url()).hash).toBe(`#/${op.route}`);
    }
  });

  it('search finds "pin" and opens Pin thread', async ({ onTestFinished }) => {
    const { page } = await open(onTestFinished);
    await page.getByTestId('search-trigger').click();
    await page.keyboard.type('pin');
    const results = page.locator('[data-component-name="Search/SearchItem"]');
    await results.filter({ hasText: 'Unpin thread' }).first().waitFor({ state: 'visible' });
    const pin = results.filter({ hasText: /^(?!.*Unpin).*Pin thread/ }).first();
    await pin.waitFor({ state: 'visible' });
    await pin.click();
    await heading(page.locator('[id="threads/pinthread"]'), 'h2', 'Pin thread').waitFor({ state: 'visible' });
  });

  it('shows the spec\'s "Known inconsistencies" table', async ({ onTestFinished }) => {
    const { page } = await open(onTestFinished, '#/section/known-inconsistencies');
    await page.getByRole('heading', { name: 'Known inconsistencies' }).first().waitFor({ state: 'visible' });
    const table = page.locator('table').filter({ hasText: 'Thread id prefix in examples' }).first();
    await table.waitFor({ state: 'visible' });
    expect(await table.textContent()).toContain('https://api.aitronos.com/v1');
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(resultsDir, 'docs-known-inconsistencies.png') });
  });

  it('uses our logo, favicon and colours, served beside the page under /docs/', async ({ onTestFinished }) => {
    const { page, requests } = await open(onTestFinished);
    const logo = page.locator('img[src="logo.svg"]').first();
    await logo.waitFor({ state: 'visible' });
    expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('favicon.svg');
    const brand = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--color-brand-6').trim(),
    );
    expect(brand).toBe('#0e7c7b');
    expect(requests).toContain(`${served.site.url}logo.svg`);
    await page.screenshot({ path: join(resultsDir, 'docs-overview.png') });
  });

  it('works from file:// with no request off the disk', async () => {
    const fromDisk = await openPage(served.browser);
    await fromDisk.page.goto(`${pathToFileURL(siteIndex).href}#/threads/pinthread`);
    await heading(fromDisk.page.locator('[id="threads/pinthread"]'), 'h2', 'Pin thread').waitFor({
      state: 'visible',
    });
    await fromDisk.page.screenshot({ path: join(resultsDir, 'docs-pin-thread-file.png') });
    await fromDisk.page.close();
    expect(fromDisk.requests).toContain(pathToFileURL(join(appDir, 'site/logo.svg')).href);
    expect(offOriginRequests(fromDisk.requests, 'file:')).toEqual([]);
    expect(fromDisk.consoleErrors).toEqual([]);
  });

  it("names Redoc's example picker by what it shows, in step with the choice", async ({ onTestFinished }) => {
    const { page } = await open(onTestFinished, '#/threads/updatethread');
    const section = page.locator('[id="threads/updatethread"]');
    const picker = section.getByRole('button', { name: /^Example: / }).first();
    await picker.waitFor({ state: 'visible' });
    const shown = (await picker.textContent())!.trim();
    expect(await picker.getAttribute('aria-label')).toBe(`Example: ${shown}`);
    await picker.click();
    const other = page.getByRole('menuitem').filter({ hasNotText: shown }).first();
    const next = (await other.textContent())!.trim();
    await other.click();
    await section
      .getByRole('button', { name: `Example: ${next}`, exact: true })
      .first()
      .waitFor({ state: 'visible' });
  });

  it("opens an operation's Markdown from its section, and points the page's head to llms.txt, served as Markdown", async ({
    onTestFinished,
  }) => {
    await withSandbox({ docsDir: siteDir }, async (sandbox) => {
      const origin = new URL(sandbox.url).origin;
      const recorded = await checkedPage(onTestFinished);
      const { page } = recorded;
      await page.goto(`${origin}/docs/#/threads/pinthread`);
      const alternate = page.locator('head link[rel="alternate"][type="text/markdown"]');
      expect(await alternate.getAttribute('href')).toBe('llms.txt');
      const index = await page.evaluate(async () => {
        const href = document.querySelector<HTMLLinkElement>('link[rel="alternate"][type="text/markdown"]')!.href;
        const res = await fetch(href);
        return { type: res.headers.get('content-type'), text: await res.text() };
      });
      expect(index).toEqual({
        type: 'text/markdown; charset=utf-8',
        text: readFileSync(join(siteDir, 'llms.txt'), 'utf8'),
      });

      // A browser showing a document that is not HTML asks the server for /favicon.ico, which it does not
      // have: that 404 is the one console line allowed, and only for that address.
      const errorSources: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errorSources.push(message.location().url);
      });
      const link = page
        .locator('[id="threads/pinthread"]')
        .getByRole('link', { name: MARKDOWN_LINK_TEXT, exact: true });
      const [answer] = await Promise.all([page.waitForResponse(/\/operations\/pin-thread\.md$/), link.click()]);
      expect(answer.headers()['content-type']).toBe('text/markdown; charset=utf-8');
      await page.waitForURL(`${origin}/docs/operations/pin-thread.md`);
      expect(await page.locator('body').textContent()).toBe(
        readFileSync(join(siteDir, 'operations/pin-thread.md'), 'utf8'),
      );
      await page.screenshot({ path: join(resultsDir, 'docs-pin-thread-markdown.png') });
      expect(errorSources.filter((url) => url !== `${origin}/favicon.ico`)).toEqual([]);
      const faviconLine = 'Failed to load resource: the server responded with a status of 404 (Not Found)';
      for (const _ of errorSources) {
        const at = recorded.consoleErrors.indexOf(faviconLine);
        expect(at).toBeGreaterThan(-1);
        recorded.consoleErrors.splice(at, 1);
      }
    });
  });

  it('is served by the reference server at /docs/, next to the API', async ({ onTestFinished }) => {
    await withSandbox({ docsDir: siteDir }, async (sandbox) => {
      const origin = new URL(sandbox.url).origin;
      const recorded = await checkedPage(onTestFinished);
      await recorded.page.goto(`${origin}/docs/#/threads/pinthread`);
      await heading(recorded.page.locator('[id="threads/pinthread"]'), 'h2', 'Pin thread').waitFor({
        state: 'visible',
      });
      expect(recorded.requests).toContain(`${origin}/docs/logo.svg`);
      const api = await fetch(`${sandbox.url}/threads`, {
        headers: { Authorization: `Bearer ${sandbox.credentials.demo.apiKey}` },
      });
      expect(api.status).toBe(200);
    });
  });
});
