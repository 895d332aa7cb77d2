/** Moving through a page with the keyboard alone, as the keyboard-path tests do. */
import type { Locator, Page } from 'playwright-core';

/** Far more than any path here takes (to an operation in the sidebar, then its "Try it" link: a few dozen stops). */
const MAX_TABS = 200;

/**
 * Presses `key` (Tab, or Shift+Tab to go back) until `target` has the
 * focus; fails naming the stops it made if it never does.
 */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  await target.waitFor({ state: 'visible' });
  const stops: string[] = [];
  for (let presses = 0; presses < MAX_TABS; presses++) {
    await page.keyboard.press(key);
    // One round trip a press: null when the target has the focus, else where the focus is.
    const stop = await target.evaluate((element) => {
      const focused = document.activeElement;
      if (element === focused) return null;
      return `${focused?.tagName.toLowerCase()} "${focused?.textContent?.trim().slice(0, 30)}"`;
    });
    if (stop === null) return;
    stops.push(stop);
  }
  throw new Error(`${MAX_TABS} presses of ${key} never reached ${target}; it stopped at ${stops.join(', ')}`);
}
