/**
 * The console passes axe-core's WCAG 2.1 AA audit at desktop and phone width
 * in light and dark mode: as it opens (on the first operation), and with an
 * operation's request open and again after its Send has answered (every
 * operation at 1400×900 light; a write that answers 200 and a read that
 * answers 404 in the other views). Each view loads the console once and
 * opens one request after another in it from the client's sidebar, as a
 * reader does. The audit is shown to fail on a faint line, and
 * `aria-repairs.js` to be needed, rule by rule.
 */
import { join } from 'node:path';
import { type AxeFinding, auditAccessibility, type RecordedPage, requireChromiumOrSkip } from '@freddy/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleRoute } from '../src/console/links.js';
import { AUDITED_VIEWS, injectFaintLine, resultsDir } from './support/audit.js';
import {
  apiClient,
  contract,
  expectOnlyStatusLine,
  openRequest,
  openRequestInPage,
  sendAndShow,
  showsRequest,
  useConsoleSuite,
} from './support/console.js';

const hasChromium = requireChromiumOrSkip();
const operations = contract.operations;
/** Audited in every view: a write that answers 200 and a read of an example id that answers 404. */
const OPERATIONS_IN_EVERY_VIEW = [contract.operation('createThread'), contract.operation('retrieveThread')];

describe.skipIf(!hasChromium)('the console in chromium', () => {
  const suite = useConsoleSuite();

  describe.each(AUDITED_VIEWS)('audited (axe-core, WCAG 2.1 AA) at %s in %s mode', (name, mode, view) => {
    // One console for the view, loaded once: the overview is audited first, then each request opened in it.
    let shared: RecordedPage;
    beforeAll(async () => {
      shared = await suite.keep(view);
      await shared.page.goto(`${suite.origin}/docs/console/`);
    });
    afterAll(() => shared?.page.close());

    /** The page shows the mode asked for: it follows prefers-color-scheme with Scalar's `body.dark-mode`. */
    async function inMode(page: Page): Promise<void> {
      expect(await page.evaluate(() => document.body.classList.contains('dark-mode'))).toBe(mode === 'dark');
    }

    it('as it opens, on the first operation, it has no violation', async () => {
      const { page } = shared;
      await showsRequest(apiClient(page), operations[0]!);
      await inMode(page);
      expect(await auditAccessibility(page)).toEqual([]);
      await page.screenshot({ path: join(resultsDir, `a11y-console-${name}-${mode}-opened.png`) });
    });

    // Every operation at desktop width in light mode; in the other views a write and a read that answers 404.
    const audited = name === '1400x900' && mode === 'light' ? operations : OPERATIONS_IN_EVERY_VIEW;
    it.each(audited.map((operation) => [operation.id, operation] as const))(
      'with %s open, and after its Send, it has no violation',
      async (_, operation) => {
        const { page } = shared;
        const client = await openRequestInPage(page, operation);
        await inMode(page);
        expect(await auditAccessibility(page)).toEqual([]);
        const answer = await sendAndShow(suite, page, client, operation);
        expect(await auditAccessibility(page)).toEqual([]);
        await expectOnlyStatusLine(shared, answer.status());
        if (operation.id === 'createThread')
          await page.screenshot({ path: join(resultsDir, `a11y-console-${name}-${mode}-sent.png`) });
      },
    );
  });

  it('catches a page that breaks a rule: one faint line injected is exactly what it reports', async () => {
    const { page, client } = await openRequest(suite, contract.operation('createThread'));
    await injectFaintLine(client.getByRole('heading', { name: 'Create thread', exact: true }), 'light');
    const findings = await auditAccessibility(page);
    expect(findings.map((finding) => [finding.rule, finding.elements.length])).toEqual([['color-contrast', 1]]);
    expect(findings[0]!.elements[0]).toMatch(/^#faint-line /);
  });

  it("needs each ARIA repair: without aria-repairs.js, Scalar's markup fails exactly the rules it repairs", async () => {
    const recorded = await suite.fresh(AUDITED_VIEWS[2]![2]);
    await recorded.page.route('**/docs/console/aria-repairs.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: '' }),
    );
    const operation = contract.operation('createThread');
    await recorded.page.goto(`${suite.origin}/docs/console/index.html#${consoleRoute(operation)}`);
    const client = apiClient(recorded.page);
    await showsRequest(client, operation);
    await sendAndShow(suite, recorded.page, client, operation);
    const rules = (findings: AxeFinding[]) => findings.map((finding) => finding.rule).sort();
    expect(rules(await auditAccessibility(recorded.page))).toEqual([
      'aria-input-field-name',
      'aria-prohibited-attr',
      'aria-required-attr',
      'aria-valid-attr-value',
      'scrollable-region-focusable',
    ]);
  });
});
