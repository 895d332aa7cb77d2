/**
 * Every operation is reached from the reference and sent from the console
 * with Tab and Enter alone: from the top of the reference served by the
 * reference server, Tab to the operation's sidebar entry, Enter, Tab to its
 * "Try it in the console" link, Enter, then (the console opens with the
 * focus on its Close button) Shift+Tab to Send, Enter; the request goes to
 * the operation's path with the demo key.
 */
import { requireChromiumOrSkip } from '@freddy/testing';
import { describe, expect, it } from 'vitest';
import { TRY_IT_TEXT } from '../src/console/document.js';
import { consoleRoute, referenceRoute } from '../src/console/links.js';
import { apiClient, contract, expectOnlyStatusLine, showsRequest, useConsoleSuite } from './support/console.js';
import { tabTo } from './support/keyboard.js';

const hasChromium = requireChromiumOrSkip();
describe.skipIf(!hasChromium)('the console in chromium', () => {
  const suite = useConsoleSuite();

  it.each(contract.operations.map((operation) => [operation.id, operation] as const))(
    '%s: reached in the reference and sent from the console with Tab and Enter alone',
    async (_, operation) => {
      const route = referenceRoute(operation);
      const recorded = await suite.open(`${suite.origin}/docs/`);
      const { page } = recorded;
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
      await tabTo(page, client.locator('button', { hasText: /^Send/ }).filter({ visible: true }).first(), 'Shift+Tab');
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
