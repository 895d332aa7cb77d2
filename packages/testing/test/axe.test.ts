/**
 * The accessibility audit's own check: it passes a clean page, reports
 * exactly the element that breaks a rule (low contrast, a button with no
 * name), and reads colours after a transition ends, not mid-fade.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAccessibility, launchChromium, requireChromiumOrSkip } from '../src/index.js';

const hasChromium = requireChromiumOrSkip('@freddy/testing accessibility tests');

const CLEAN = `<!DOCTYPE html><html lang="en"><head><title>Clean</title></head>
<body><main><h1>Threads</h1><p style="color:#1a1c21;background:#fff">Readable text.</p>
<button type="button">Send</button></main></body></html>`;

describe.runIf(hasChromium)('auditAccessibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  async function pageWith(html: string): Promise<Page> {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return page;
  }

  it('finds nothing on a page that follows the rules', async () => {
    const page = await pageWith(CLEAN);
    expect(await auditAccessibility(page)).toEqual([]);
    await page.close();
  });

  it('reports one low-contrast element, and only it, with its colours', async () => {
    const page = await pageWith(CLEAN.replace('</main>', '<p id="faint" style="color:#b0b0b0">Faint.</p></main>'));
    const findings = await auditAccessibility(page);
    expect(findings.map((finding) => finding.rule)).toEqual(['color-contrast']);
    expect(findings[0]!.elements).toHaveLength(1);
    expect(findings[0]!.elements[0]).toMatch(/^#faint <p id="faint".*foreground color: #b0b0b0/);
    await page.close();
  });

  it('reports a button with no accessible name', async () => {
    const page = await pageWith(CLEAN.replace('</main>', '<button type="button" class="icon"></button></main>'));
    const findings = await auditAccessibility(page);
    expect(findings.map((finding) => [finding.rule, finding.elements.length])).toEqual([['button-name', 1]]);
    expect(findings[0]!.impact).toBe('critical');
    await page.close();
  });

  it('reads colours when a transition has ended, not mid-fade', async () => {
    const page = await pageWith(
      CLEAN.replace('</main>', '<p id="fading" style="color:#e0e0e0;transition:color 3s linear">Arriving.</p></main>'),
    );
    // Injects axe first, so the fade below starts right before the audit that must wait for it.
    expect((await auditAccessibility(page)).map((finding) => finding.rule)).toEqual(['color-contrast']);
    await page.evaluate(() => {
      const fading = document.getElementById('fading')!;
      fading.getBoundingClientRect();
      fading.style.color = '#1a1c21';
    });
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(1);
    expect(await auditAccessibility(page)).toEqual([]);
    await page.close();
  });
});
