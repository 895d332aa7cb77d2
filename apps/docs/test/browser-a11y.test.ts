/**
 * The reference passes axe-core's WCAG 2.1 AA audit at desktop and phone
 * width in light and dark mode: its overview, and each operation open at its
 * route. Each view loads the page once and goes from route to route in it,
 * as the sidebar does; the audit is shown to fail on a faint line put into
 * that page at the overview (and taken out again). No page leaves 127.0.0.1
 * or logs a console error. The four views run side by side, each in its own
 * page: most of their time is spent waiting on the browser. The keyboard
 * paths through the reference, at both widths, are in
 * `console-keyboard.test.ts`, which follows each on into the console.
 */
import { join } from 'node:path';
import {
  auditAccessibility,
  checkPage,
  openPage,
  type PageView,
  type RecordedPage,
  requireChromiumOrSkip,
} from '@freddy/testing';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AUDITED_VIEWS, injectFaintLine, removeFaintLine, resultsDir } from './support/audit.js';
import { redocHeading as heading, siteOperations, useServedSite } from './support/site.js';

const hasChromium = requireChromiumOrSkip();
/** How long a page waits for what it expects: generous, the machine has two shared cores. */
const PAGE_TIMEOUT_MS = 60_000;

describe.skipIf(!hasChromium)('docs site in chromium', () => {
  const served = useServedSite(resultsDir);
  const operations = siteOperations();

  async function newPage(view?: PageView): Promise<RecordedPage> {
    const recorded = await openPage(served.browser, view);
    recorded.page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    return recorded;
  }

  // Side by side: each view in its own page, its tests one after the other in it.
  describe.each(AUDITED_VIEWS)(
    'audited (axe-core, WCAG 2.1 AA) at %s in %s mode',
    { concurrent: true },
    (name, mode, view) => {
      // One page for the view, loaded once at the overview; each operation's test goes to its route in it.
      let shared: RecordedPage;
      beforeAll(async () => {
        shared = await newPage(view);
        await shared.page.goto(served.site.url);
      });
      afterAll(() => shared?.page.close());
      // Nothing off 127.0.0.1, no console error, since the last test.
      afterEach(() => checkPage(shared));
      /** The view's tests share its page, in order: one at a time. */
      const inOrder = { concurrent: false };

      /** The page shows the mode asked for: Redoc follows prefers-color-scheme with `html.dark`. */
      async function inMode(page: Page): Promise<void> {
        expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(mode === 'dark');
      }

      async function atOverview(page: Page): Promise<void> {
        await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
        await inMode(page);
      }

      it('the overview has no violation', inOrder, async () => {
        const { page, requests } = shared;
        await atOverview(page);
        expect(await auditAccessibility(page)).toEqual([]);
        // The wordmark follows the mode (the logo is shown at desktop width).
        if (name === '1400x900') expect(requests.includes(`${served.site.url}logo-dark.svg`)).toBe(mode === 'dark');
        await page.screenshot({ path: join(resultsDir, `a11y-reference-${name}-${mode}-overview.png`) });
      });

      // In the view's page while it is at the overview, as a fresh one would be; the line is taken out after.
      it('catches a page that breaks a rule: one faint line injected is exactly what it reports', inOrder, async () => {
        const { page } = shared;
        await atOverview(page);
        await injectFaintLine(page.getByRole('heading', { level: 1 }).first(), mode);
        const findings = await auditAccessibility(page).finally(() => removeFaintLine(page));
        expect(findings.map((finding) => [finding.rule, finding.elements.length])).toEqual([['color-contrast', 1]]);
        expect(findings[0]!.elements[0]).toMatch(/^#faint-line /);
      });

      it.each(operations.map((op) => [op.operationId, op] as const))(
        'with %s open, it has no violation',
        inOrder,
        async (_, op) => {
          const { page } = shared;
          await page.evaluate((hash) => {
            location.hash = hash;
          }, `#/${op.route}`);
          await heading(page.locator(`[id="${op.route}"]`), 'h2', op.summary).waitFor({ state: 'visible' });
          expect(new URL(page.url()).hash).toBe(`#/${op.route}`);
          await inMode(page);
          expect(await auditAccessibility(page)).toEqual([]);
          if (op.operationId === 'pinThread')
            await page.screenshot({ path: join(resultsDir, `a11y-reference-${name}-${mode}-pin-thread.png`) });
        },
      );
    },
  );
});
