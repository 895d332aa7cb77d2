/** What the accessibility audits share: the views they run in, and a rule broken on purpose. */
import { join } from 'node:path';
import type { PageView } from '@freddy/testing';
import type { Locator, Page } from 'playwright-core';
import { appDir } from '../../src/paths.js';

/** Screenshots and reports of the browser tests. */
export const resultsDir = join(appDir, 'test-results');

/** Desktop and phone, each in light and dark mode (the colour scheme the browser reports). */
export const AUDITED_VIEWS: readonly (readonly [name: string, mode: 'light' | 'dark', view: PageView])[] = [
  ['1400x900', 'light', { viewport: { width: 1400, height: 900 }, colorScheme: 'light' }],
  ['1400x900', 'dark', { viewport: { width: 1400, height: 900 }, colorScheme: 'dark' }],
  ['390x844', 'light', { viewport: { width: 390, height: 844 }, colorScheme: 'light' }],
  ['390x844', 'dark', { viewport: { width: 390, height: 844 }, colorScheme: 'dark' }],
];

/**
 * Puts a line of text right after `anchor` in a colour too close to the
 * mode's background (about 1.5:1): the one thing an audit must then report.
 */
export async function injectFaintLine(anchor: Locator, mode: 'light' | 'dark'): Promise<void> {
  await anchor.evaluate(
    (element, colour) => {
      const line = document.createElement('p');
      line.id = 'faint-line';
      line.textContent = 'A line nobody can read.';
      line.style.color = colour;
      element.after(line);
    },
    mode === 'dark' ? '#3b3c45' : '#c4c6d1',
  );
}

/** Takes out the line `injectFaintLine` put in, so the page can serve the next test as it was. */
export async function removeFaintLine(page: Page): Promise<void> {
  await page.evaluate(() => document.getElementById('faint-line')?.remove());
}
