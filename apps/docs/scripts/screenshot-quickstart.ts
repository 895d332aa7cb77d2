/**
 * `pnpm --filter @freddy/docs screenshot:quickstart`: serves the built site
 * and saves the reference's quickstart, as a reader sees it, to
 * `quickstart.png` for the READMEs: 1x, light mode, cropped to the section's
 * column from its heading through its first sample (the three steps and the
 * curl; the whole section, with TypeScript and Python, is over 250 kB as a
 * PNG). Run after `pnpm --filter @freddy/docs build`.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describeContract, loadSpec } from '@freddy/spec';
import { launchChromium } from '@freddy/testing';
import { appDir, docsSpecPath } from '../src/paths.js';
import { quickstartSamples } from '../src/quickstart/calls.js';
import { QUICKSTART_ROUTE } from '../src/quickstart/page.js';
import { requireBuiltSite } from '../test/support/site.js';
import { startSiteServer } from './serve.mjs';

const output = join(appDir, 'quickstart.png');

requireBuiltSite();
// The label that follows the first sample, where the picture ends.
const nextLabel = quickstartSamples(describeContract(loadSpec(docsSpecPath)))[1]?.label;
const site = await startSiteServer({ prefix: '/docs/' });
const browser = await launchChromium();
try {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  await page.goto(`${site.url}#${QUICKSTART_ROUTE}`);
  // Redoc ids a description's heading by its route without the leading slash.
  const heading = page.locator(`[id="${QUICKSTART_ROUTE.slice(1)}"]`);
  await heading.waitFor({ state: 'visible' });
  const clip = await heading.evaluate((start, label) => {
    const level = Number(start.tagName.slice(1));
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
    // The section ends at the next heading of its level or higher; the picture at its second sample's label.
    const next = headings.slice(headings.indexOf(start) + 1).find((h) => Number(h.tagName.slice(1)) <= level);
    const labelled = [...document.querySelectorAll('strong')].find(
      (strong) =>
        strong.textContent === label &&
        start.compareDocumentPosition(strong) & Node.DOCUMENT_POSITION_FOLLOWING &&
        (!next || strong.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING),
    );
    const end = labelled ?? next;
    const top = start.getBoundingClientRect().top + window.scrollY;
    const bottom = end ? end.getBoundingClientRect().top + window.scrollY : document.body.scrollHeight;
    const column = start.parentElement!.getBoundingClientRect();
    const pad = 16;
    return { x: Math.max(0, column.left - pad), y: top - pad, width: column.width + 2 * pad, height: bottom - top };
  }, nextLabel);
  await page.screenshot({ path: output, clip, fullPage: true });
  console.log(
    `Saved ${output} (${Math.round(clip.width)}×${Math.round(clip.height)} px, ${statSync(output).size} bytes)`,
  );
} finally {
  await browser.close();
  await site.close();
}
