/**
 * Every operation is reached from the reference and sent from the console
 * with Tab and Enter alone, at desktop and at phone width. From the top of
 * the reference served by the reference server: Tab to the operation's
 * sidebar entry (on a phone, first to the button that opens the navigation
 * menu, Enter), Enter, Tab to its "Try it in the console" link, Enter; then,
 * in the console that opens (the focus on its Close button), Shift+Tab to
 * Send, Enter: the request goes to the operation's path with the demo key.
 *
 * Each path is one page, freshly loaded at the top of the reference, and two
 * tests, one per page of the path: the reference's half ends where the
 * console's begins, so a failure says which page let the keyboard down.
 */
import { type PageView, type RecordedPage, requireChromiumOrSkip } from '@freddy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRY_IT_TEXT } from '../src/console/document.js';
import { consoleRoute, referenceRoute } from '../src/console/links.js';
import {
  apiClient,
  contract,
  expectOnlyStatusLine,
  nextAnswer,
  showsRequest,
  useConsoleSuite,
} from './support/console.js';
import { tabTo } from './support/keyboard.js';
import { redocHeading } from './support/site.js';

const hasChromium = requireChromiumOrSkip();
/** Desktop, and a phone, where Redoc folds its sidebar into a menu opened by a button. */
const VIEWS: readonly (readonly [name: string, view: PageView, phone: boolean])[] = [
  ['1400x900', { viewport: { width: 1400, height: 900 } }, false],
  ['390x844', { viewport: { width: 390, height: 844 } }, true],
];
describe.skipIf(!hasChromium)('the console in chromium', () => {
  const suite = useConsoleSuite();

  describe.each(VIEWS)('at %s', (_, view, phone) => {
    describe.each(contract.operations.map((operation) => [operation.id, operation] as const))(
      '%s, with Tab and Enter alone',
      (_, operation) => {
        const consoleUrl = () => `${suite.origin}/docs/console/index.html#${consoleRoute(operation)}`;
        // The path's one page: checked after each of its tests (nothing off 127.0.0.1, no console error).
        let path: RecordedPage;
        beforeAll(async () => {
          path = await suite.keep(view);
        });
        afterAll(() => path?.page.close());

        it(`is reached from the top of the reference${phone ? ' through its navigation menu' : ''}, and its "Try it" link opens the console`, async () => {
          const { page } = path;
          await page.goto(`${suite.origin}/docs/`);
          if (phone) {
            await tabTo(page, page.getByRole('button', { name: 'Open navigation menu' }));
            await page.keyboard.press('Enter');
          }
          const route = referenceRoute(operation);
          await tabTo(page, page.locator(`a[href$="#${route}"]`).first());
          await page.keyboard.press('Enter');
          const section = page.locator(`[id="${route.slice(1)}"]`);
          await redocHeading(section, 'h2', operation.summary).waitFor({ state: 'visible' });
          expect(new URL(page.url()).hash).toBe(`#${route}`);

          await tabTo(page, section.getByRole('link', { name: TRY_IT_TEXT }).first());
          await page.keyboard.press('Enter');
          await page.waitForURL(consoleUrl());
          await showsRequest(apiClient(page), operation);
        });

        it('is sent from the console that link opened, with the demo key', async () => {
          const { page } = path;
          expect(page.url(), 'the reference half of the path (the test before) never reached the console').toBe(
            consoleUrl(),
          );
          const client = apiClient(page);
          // The client opens with the focus on its Close button; Send is the stop before it. (Forward, the
          // body editor takes Tab to indent, as CodeMirror does; Escape, then Tab, leaves it.)
          await tabTo(
            page,
            client.locator('button', { hasText: /^Send/ }).filter({ visible: true }).first(),
            'Shift+Tab',
          );
          const answer = nextAnswer(suite, page, operation.method.toUpperCase());
          await page.keyboard.press('Enter');
          const sent = await answer;
          const template = new RegExp(`^/v1${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
          expect(new URL(sent.url()).pathname).toMatch(template);
          expect(sent.request().headers().authorization ?? sent.request().headers()['x-api-key']).toContain(
            suite.sandbox.credentials.demo.apiKey,
          );
          await expectOnlyStatusLine(path, sent.status());
        });
      },
    );
  });
});
