/**
 * The browser helpers' own check: `closeCheckedPages` fails a suite whose
 * page reached off 127.0.0.1 or logged a console error, and passes one that
 * did neither; `checkPage` does the same for a page kept open, holding each
 * test to what happened since the last check.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPage,
  closeCheckedPages,
  launchChromium,
  openPage,
  type RecordedPage,
  requireChromiumOrSkip,
} from '../src/index.js';

const hasChromium = requireChromiumOrSkip('@freddy/testing browser tests');

// One browser for the file: each suite opens pages of its own, and a launch costs more than all of them.
let browser: Browser;
beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(() => browser?.close());

describe.runIf(hasChromium)('closeCheckedPages', () => {
  async function pageWith(html: string): Promise<RecordedPage[]> {
    const recorded = await openPage(browser);
    // An address nothing answers on: the request is made (and recorded) whether or not it succeeds.
    await recorded.page.route('http://192.0.2.1/**', (route) => route.abort());
    await recorded.page.setContent(html, { waitUntil: 'load' });
    return [recorded];
  }

  it('passes a page that stayed on its origin without errors, and closes it', async () => {
    const opened = await pageWith('<p>quiet</p>');
    const { page } = opened[0]!;
    await closeCheckedPages(opened);
    expect(opened).toEqual([]);
    expect(page.isClosed()).toBe(true);
  });

  it('fails a page that made a request off 127.0.0.1', async () => {
    const opened = await pageWith('<img src="http://192.0.2.1/pixel.png">');
    await expect(closeCheckedPages(opened)).rejects.toThrow('http://192.0.2.1/pixel.png');
  });

  it('fails a page that logged a console error', async () => {
    const opened = await pageWith('<script>console.error("broken widget")</script>');
    await expect(closeCheckedPages(opened)).rejects.toThrow('broken widget');
  });
});

describe.runIf(hasChromium)('checkPage', () => {
  let shared: RecordedPage;
  beforeAll(async () => {
    shared = await openPage(browser);
    await shared.page.route('http://192.0.2.1/**', (route) => route.abort());
    await shared.page.setContent('<p>quiet</p>', { waitUntil: 'load' });
  });
  afterAll(() => shared?.page.close());

  it('passes a quiet page and leaves it open', () => {
    checkPage(shared);
    expect(shared.page.isClosed()).toBe(false);
  });

  it('fails on what happened since the last check, then holds the next check to what follows', async () => {
    await shared.page.evaluate(() => console.error('broken widget'));
    await expect.poll(() => shared.consoleErrors.length).toBe(1);
    expect(() => checkPage(shared)).toThrow('broken widget');
    checkPage(shared);
    await shared.page.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'http://192.0.2.1/pixel.png';
      document.body.append(image);
    });
    await expect.poll(() => shared.requests.length).toBe(1);
    expect(() => checkPage(shared)).toThrow('http://192.0.2.1/pixel.png');
    checkPage(shared);
  });
});
