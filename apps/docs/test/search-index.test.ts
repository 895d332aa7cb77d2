/**
 * The reference's search index, as Redoc builds it in the browser, keeps the
 * spaces between words: its excerpts once read "visibilitysettings" and
 * "and422", and table cells ran together ("Hosthttps://…"), since Redoc's
 * index drops line breaks and cell borders (`src/search-text.ts` mends
 * that). Redoc hands every text it indexes to its search workers; the test
 * reads them there and finds no word glued from two of the document's. Fed a
 * hard-wrapped description through Redoc's own index step (the page served
 * with that step as Redoc ships it), the check finds the glued words.
 */
import { describeContract, loadSpec } from '@freddy/spec';
import { openPage, requireChromiumOrSkip } from '@freddy/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { docsSpecPath } from '../src/paths.js';
import { type DocsDocument, operationObject } from '../src/samples/index.js';
import { unspacedIndexedText } from '../src/search-text.js';
import { resultsDir } from './support/audit.js';
import { gluedWords, vocabulary, words } from './support/glued-words.js';
import { useServedSite } from './support/site.js';

const hasChromium = requireChromiumOrSkip();

/** What Redoc indexes, read as it posts each text to its search workers (FlexSearch's `add`). */
const CAPTURE_INDEXED = `{
  window.indexedTexts = [];
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.task === 'add') window.indexedTexts.push(String(message.args[1] ?? ''));
    return post.call(this, message, ...rest);
  };
}`;

/** The document the page embeds. */
const built: DocsDocument = loadSpec(docsSpecPath);
const operations = describeContract(built).operations;

/** The texts Redoc has handed its search workers so far: it posts them one by one as it indexes. */
function indexedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as { indexedTexts?: string[] }).indexedTexts ?? []);
}

/** Long enough for Redoc to index the whole document on a busy machine; the check is polled, not timed. */
const INDEXED_BY = { timeout: 60_000, interval: 250 };

describe.skipIf(!hasChromium)("the reference's search index", () => {
  const served = useServedSite(resultsDir);
  const known = vocabulary(built);

  it('indexes every description with the spaces between its words', async () => {
    const { page } = await openPage(served.browser);
    try {
      await page.addInitScript(CAPTURE_INDEXED);
      await page.goto(served.site.url);
      // The capture is the index: every operation's description comes into it, as words. Waited for
      // by description, not by summary: a summary ("Unpin thread") is also inside other texts.
      const firstWords = operations.map((operation) => ({
        id: operation.id,
        start: words(operationObject(built, operation).description ?? '')
          .slice(0, 6)
          .join(' '),
      }));
      await expect
        .poll(async () => {
          const indexed = (await indexedTexts(page)).map((text) => words(text).join(' '));
          return firstWords.filter(({ start }) => !indexed.some((text) => text.includes(start))).map(({ id }) => id);
        }, INDEXED_BY)
        .toEqual([]);
      const texts = await indexedTexts(page);
      expect(texts.flatMap((text) => gluedWords(text, known))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("finds the words glued where Redoc's own index step meets a hard-wrapped description", async () => {
    const [operation] = operations;
    const description = operationObject(built, operation!).description!;
    const [, before, after] = /^([\p{L}\p{N}]+) ([\p{L}\p{N}]+)/u.exec(description)!;
    // The description as build-docs embeds it in the page, and the same with its first space a line break.
    const embedded = JSON.stringify(description).replace(/</g, '\\u003c');
    const wrapped = embedded.replace(' ', '\\n');
    const { page } = await openPage(served.browser);
    try {
      await page.addInitScript(CAPTURE_INDEXED);
      await page.route(served.site.url, async (route) => {
        const response = await route.fetch();
        const html = await response.text();
        const definition = html.indexOf('const __redoc_definition');
        const at = html.indexOf(embedded, definition);
        expect(definition >= 0 && at >= 0, 'the description in the embedded document').toBe(true);
        await route.fulfill({
          response,
          body: unspacedIndexedText(`${html.slice(0, at)}${wrapped}${html.slice(at + embedded.length)}`),
        });
      });
      await page.goto(served.site.url);
      await expect
        .poll(async () => (await indexedTexts(page)).flatMap((text) => gluedWords(text, known)), INDEXED_BY)
        .toContain(`${before!.toLowerCase()}+${after!.toLowerCase()}`);
    } finally {
      await page.context().close();
    }
  });
});

describe('the glued-word check', () => {
  const known = vocabulary({ description: 'Modify visibility settings and 422 answers.' });

  it('finds two known words run together, and nothing in a text that keeps its spaces', () => {
    expect(gluedWords('Modify visibilitysettings and422 answers.', known)).toEqual(['visibility+settings', 'and+422']);
    expect(gluedWords('Modify visibility settings and 422 answers.', known)).toEqual([]);
  });

  it('lets a word the document has, or one it cannot split, stand', () => {
    expect(gluedWords('License Authorization', known)).toEqual([]);
  });
});
