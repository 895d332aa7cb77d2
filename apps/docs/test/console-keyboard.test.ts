/**
 * Every operation is reached from the reference and sent from the console
 * with Tab and Enter alone, at desktop and at phone width: from the top of
 * the reference served by the reference server, Tab to the operation's
 * sidebar entry (on a phone, first to the button that opens the navigation
 * menu, Enter), Enter, Tab to its "Try it in the console" link, Enter, then
 * (the console opens with the focus on its Close button) Shift+Tab to Send,
 * Enter; the request goes to the operation's path with the demo key.
 */
import { type PageView, requireChromiumOrSkip } from '@freddy/testing';
import { describe, expect, it } from 'vitest';
import { TRY_IT_TEXT } from '../src/console/document.js';
import { consoleRoute, referenceRoute } from '../src/console/links.js';
import { apiClient, contract, expectOnlyStatusLine, showsRequest, useConsoleSuite } from './support/console.js';
import { tabTo } from './support/keyboard.js';

const hasChromium = requireChromiumOrSkip();
/** Desktop, and a phone, where Redoc folds its sidebar into a menu opened by a button. */
const VIEWS: readonly (readonly [name: string, view: PageView, phone: boolean])[] = [
  ['1400x900', { viewport: { width: 1400, height: 900 } }, false],
  ['390x844', { viewport: { width: 390, height: 844 } }, true],
];
describe.skipIf(!hasChromium)('the console in chromium', () => {
  const suite = useConsoleSuite();

  describe.each(VIEWS)('at %s', (_, view, phone) => {
    it.each(contract.operations.map((operation) => [operation.id, operation] as const))(
      '%s: reached in the reference and sent from the console with Tab and Enter alone',
      async (_, operation) => {
        const route = referenceRoute(operation);
        const recorded = await suite.open(`${suite.origin}/docs/`, view);
        const { page } = recorded;
        if (phone) {
          await tabTo(page, page.getByRole('button', { name: 'Open navigation menu' }));
          await page.keyboard.press('Enter');
        }
        await tabTo(page, page.locator(`a[href$="#${route}"]`).first());
        await page.keyboard.press('Enter');
        const section = page.locator(`[id="${route.slice(1)}"]`);
        await section.locator('h2').first().waitFor({ state: 'visible' });
        expect(new URL(page.url()).hash).toBe(`#${route}`);

        await tabTo(page, section.getByRole('link', { name: TRY_IT_TEXT }).first());
        await page.keyboard.press('Enter');
        await page.waitForURL(`${suite.origin}/docs/console/index.html#${consoleRoute(operation)}`);
        const client = apiClient(page);
        await showsRequest(client, operation);

        // The client opens with the focus on its Close button; Send is the stop before it. (Forward, the
        // body editor takes Tab to indent, as CodeMirror does; Escape, then Tab, leaves it.)
        await tabTo(
          page,
          client.locator('button', { hasText: /^Send/ }).filter({ visible: true }).first(),
          'Shift+Tab',
        );
        const answer = page.waitForResponse(
          (response) =>
            response.url().startsWith(suite.sandbox.url) &&
            response.request().method() === operation.method.toUpperCase(),
        );
        await page.keyboard.press('Enter');
        const sent = await answer;
        const path = new RegExp(`^/v1${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        expect(new URL(sent.url()).pathname).toMatch(path);
        expect(sent.request().headers().authorization ?? sent.request().headers()['x-api-key']).toContain(
          suite.sandbox.credentials.demo.apiKey,
        );
        await expectOnlyStatusLine(recorded, sent.status());
      },
    );
  });
});
