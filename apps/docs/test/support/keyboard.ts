/** Moving through a page with the keyboard alone, as the keyboard-path tests do. */
import type { ElementHandle, Locator, Page } from 'playwright-core';

/** Far more than any path here takes (to an operation in the sidebar, then its "Try it" link: a few dozen stops). */
const MAX_TABS = 200;

/** Where the focus is, as `null` when on `element`; `undefined` when `element` has left the page. */
function focusStop(element: Element): string | null | undefined {
  if (!element.isConnected) return undefined;
  const focused = document.activeElement;
  if (element === focused) return null;
  return `${focused?.tagName.toLowerCase()} "${focused?.textContent?.trim().slice(0, 30)}"`;
}

/**
 * Presses `key` (Tab, or Shift+Tab to go back) until `target` has the
 * focus; fails naming the stops it made if it never does.
 */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  await target.waitFor({ state: 'visible' });
  // The target's element, found once: a locator would run its query (a role and a name, over the whole page)
  // again at every stop. Found again only if the page replaces it on the way.
  let element: ElementHandle<Element> = await target.elementHandle();
  const stops: string[] = [];
  try {
    for (let presses = 0; presses < MAX_TABS; presses++) {
      await page.keyboard.press(key);
      // One round trip a press: null when the target has the focus, else where the focus is.
      let stop = await element.evaluate(focusStop);
      if (stop === undefined) {
        await element.dispose();
        element = await target.elementHandle();
        stop = await element.evaluate(focusStop);
      }
      if (stop === null) return;
      stops.push(String(stop));
    }
  } finally {
    await element.dispose();
  }
  throw new Error(`${MAX_TABS} presses of ${key} never reached ${target}; it stopped at ${stops.join(', ')}`);
}
