/**
 * The console's figure for `pnpm bench`: how long from navigation to an
 * operation's console link until its request can be sent (the client shows
 * that operation with its Send button enabled), and the bytes the page
 * fetched until then (as sent on the wire, headers aside).
 */
import type { Browser } from 'playwright-core';

export interface ConsoleTiming {
  /** Milliseconds from navigation start until Send is enabled on the linked operation. */
  usable: number;
  /** Bytes of every response body the page had fetched by then, as sent (compressed if the server compressed). */
  bytes: number;
}

/** Opens `url` (the console at an operation's route) in a fresh context, as a first visit. */
export async function timeConsole(browser: Browser, url: string, summary: string): Promise<ConsoleTiming> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      (title) => {
        const dialog = document.querySelector('[role="dialog"]');
        if (!dialog?.textContent?.includes(title)) return false;
        return [...(dialog.querySelectorAll('button') as NodeListOf<HTMLButtonElement>)].some(
          (button) =>
            /^\s*Send/.test(button.textContent ?? '') &&
            !button.disabled &&
            button.checkVisibility() &&
            button.getBoundingClientRect().height > 0,
        );
      },
      summary,
      { polling: 'raf', timeout: 60_000 },
    );
    return await page.evaluate(() => {
      const entries = [
        ...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource'),
      ] as PerformanceResourceTiming[];
      return {
        usable: performance.now(),
        bytes: entries.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
      };
    });
  } finally {
    await context.close();
  }
}
