/**
 * Every guide of `describeGuides()` is a page of the HTML reference: at its
 * route (`#/section/guides/<title's slug>`, from the sidebar's "Guides"
 * group) it shows its title, its steps with their curl commands and its
 * Markdown link, and passes axe-core's WCAG 2.1 AA audit at desktop and phone
 * width in light and dark mode, as the rest of the reference does
 * (`browser-a11y.test.ts`). No page leaves 127.0.0.1 or logs a console error.
 */
import { join } from 'node:path';
import { describeGuides } from '@freddy/spec/guides';
import {
  auditAccessibility,
  checkPage,
  closeCheckedPages,
  openPage,
  type RecordedPage,
  requireChromiumOrSkip,
} from '@freddy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GUIDES_HEADING, guidePagePath, guideRoute } from '../src/guides/locations.js';
import { stepRequestShape } from '../src/guides/step-request.js';
import { curlSample } from '../src/samples/curl.js';
import { AUDITED_VIEWS, resultsDir } from './support/audit.js';
import { useServedSite } from './support/site.js';

const hasChromium = requireChromiumOrSkip();
/** How long a page waits for what it expects: generous, the machine has two shared cores. */
const PAGE_TIMEOUT_MS = 60_000;
const guides = describeGuides();

describe.skipIf(!hasChromium)('the guides in the reference, in chromium', () => {
  const served = useServedSite(resultsDir);

  // The views side by side (two at a time, the config's maxConcurrency), each in its own page; its tests in order in it.
  describe.each(AUDITED_VIEWS)('at %s in %s mode', { concurrent: true }, (name, _mode, view) => {
    // One page for the view; each guide's test goes to its route in it, as the sidebar does.
    let shared: RecordedPage;
    beforeAll(async () => {
      shared = await openPage(served.browser, view);
      shared.page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      await shared.page.goto(served.site.url);
    });
    afterAll(() => shared?.page.close());
    afterEach(() => checkPage(shared));

    it.each(guides.map((guide) => [guide.id, guide] as const))(
      '%s shows its steps and their commands, and has no violation',
      { concurrent: false },
      async (_id, guide) => {
        const { page } = shared;
        await page.evaluate(
          (hash) => {
            location.hash = hash;
          },
          `#${guideRoute(guide)}`,
        );
        // Redoc gives the guide's heading the route as its id; the guide is what follows it.
        const title = page.locator(`h2[id="${guideRoute(guide).slice(1)}"]`);
        await title.waitFor({ state: 'visible' });
        expect((await title.textContent())?.trim()).toBe(guide.title);
        expect(new URL(page.url()).hash).toBe(`#${guideRoute(guide)}`);
        const firstLine = curlSample(stepRequestShape(guide, guide.steps[0]!)).split('\n')[0]!;
        const command = title.locator('xpath=following::pre').first();
        expect((await command.textContent())?.split('\n')[0]).toBe(firstLine);
        const markdown = title.locator('xpath=following::a[normalize-space(.)="Markdown for this page"]').first();
        expect(await markdown.getAttribute('href')).toBe(guidePagePath(guide));
        expect(await auditAccessibility(page)).toEqual([]);
        if (guide === guides[0]) await page.screenshot({ path: join(resultsDir, `guide-${name}-${_mode}.png`) });
      },
    );
  });

  it('lists every guide in the sidebar under its Guides group', { concurrent: true }, async ({ onTestFinished }) => {
    const recorded = await openPage(served.browser, AUDITED_VIEWS[0]![2]);
    // Closed and checked when the test ends: nothing off 127.0.0.1, no console error.
    onTestFinished(() => closeCheckedPages([recorded]));
    const { page } = recorded;
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    await page.goto(served.site.url);
    await page.getByText(GUIDES_HEADING, { exact: true }).first().click();
    for (const guide of guides) {
      await page
        .locator(`a[href$="${guideRoute(guide)}"]`)
        .first()
        .waitFor({ state: 'visible' });
    }
  });
});
