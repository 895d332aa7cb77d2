/**
 * A new operation needs nothing but the contract: the docs build, run in
 * this process on a copy of the contract with the probe operation added
 * (`support/fixture-contract.ts`), gives it a section in the Redoc reference,
 * a Markdown page, a line in llms.txt and an entry in the console, each
 * found where a reader finds the real operations'.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ContractOperation, describeContract } from '@freddy/spec';
import { closeCheckedPages, launchChromium, openPage, type RecordedPage, requireChromiumOrSkip } from '@freddy/testing';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SiteServer, startSiteServer } from '../scripts/serve.mjs';
import { buildSite } from '../src/build.js';
import { TRY_IT_TEXT } from '../src/console/document.js';
import { consoleRoute, referenceRoute } from '../src/console/links.js';
import { operationPagePath } from '../src/markdown/locations.js';
import { PROBE, withProbeOperation } from './support/fixture-contract.js';

const hasChromium = requireChromiumOrSkip();
const fixture = withProbeOperation();
const probe: ContractOperation = describeContract(fixture).operation(PROBE.operationId);

describe('the docs built from a contract with one more operation', () => {
  let work: string;
  let site: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'freddy-docs-fixture-'));
    site = join(work, 'site');
    const contract = join(work, 'openapi.json');
    mkdirSync(work, { recursive: true });
    writeFileSync(contract, JSON.stringify(fixture));
    buildSite({ contract, docsSpec: join(work, 'build', 'openapi.json'), site });
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('gives it a Markdown page and a line in llms.txt', () => {
    const page = readFileSync(join(site, operationPagePath(probe)), 'utf8');
    expect(page.startsWith(`# ${PROBE.summary}\n`)).toBe(true);
    expect(page).toContain(`- Method and path: \`POST ${PROBE.path}\``);
    expect(readFileSync(join(site, 'llms.txt'), 'utf8')).toContain(
      `- [${PROBE.summary}](${operationPagePath(probe)}): \`POST ${PROBE.path}\`: ${PROBE.description}`,
    );
  });

  describe.skipIf(!hasChromium)('in chromium', () => {
    let browser: Browser;
    let server: SiteServer;
    const opened: RecordedPage[] = [];

    beforeAll(async () => {
      server = await startSiteServer({ root: site, prefix: '/docs/' });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    afterEach(() => closeCheckedPages(opened));

    async function open(path: string): Promise<RecordedPage> {
      const recorded = await openPage(browser);
      recorded.page.setDefaultTimeout(60_000);
      opened.push(recorded);
      await recorded.page.goto(`${server.url}${path}`);
      return recorded;
    }

    it('gives it a section in the reference (Redoc), at its route, with its "Try it" link', async () => {
      const { page } = await open(`#${referenceRoute(probe)}`);
      const section = page.locator(`[id="${referenceRoute(probe).slice(1)}"]`);
      await section.locator('h2').filter({ hasText: PROBE.summary }).first().waitFor({ state: 'visible' });
      await section.getByText(PROBE.description).first().waitFor({ state: 'visible' });
      const tryIt = section.getByRole('link', { name: TRY_IT_TEXT }).first();
      expect(await tryIt.getAttribute('href')).toBe(`console/index.html#${consoleRoute(probe)}`);
      // And an entry in the sidebar.
      await page
        .locator(`a[href$="#${referenceRoute(probe)}"]`)
        .first()
        .waitFor({ state: 'visible' });
    });

    it('gives it an entry in the console, whose route opens its request', async () => {
      const { page } = await open(`console/index.html#${consoleRoute(probe)}`);
      const client = page.getByRole('dialog', { name: 'API Client' });
      await client.getByRole('heading', { name: PROBE.summary, exact: true }).waitFor({ state: 'visible' });
      await client.getByText(PROBE.path, { exact: true }).filter({ visible: true }).first().waitFor();
      await page.keyboard.press('Escape');
      await client.waitFor({ state: 'hidden' });
      await page.getByText(PROBE.summary, { exact: true }).first().waitFor({ state: 'visible' });
    });
  });
});
