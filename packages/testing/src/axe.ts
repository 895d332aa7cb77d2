/**
 * WCAG 2.1 A and AA audits with axe-core, injected into the page and run
 * there, as a reader's browser renders it. A test asserts the result is
 * empty; each finding names the rule and the elements, so a failure says
 * what to fix.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/** The rule sets audited: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

let axeSource: string | undefined;
function loadAxeSource(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** One rule broken, with every element that breaks it. */
export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  /** One line per element: its CSS selector and the start of its HTML, then axe's reason (for contrast: the colours and ratio). */
  elements: string[];
}

/**
 * Runs axe-core's WCAG 2.1 AA rules on the page as it is now and returns
 * what it found, `[]` when nothing. Finite CSS animations and transitions
 * are waited for first, so colours are read as they end, not mid-fade.
 */
export async function auditAccessibility(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: loadAxeSource() });
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const runOptions: RunOptions = { runOnly: { type: 'tag', values: [...WCAG_AA_TAGS] }, resultTypes: ['violations'] };
  const results = await page.evaluate((run) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } })
      .axe;
    return axe.run(document, run);
  }, runOptions);
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    elements: violation.nodes.map((node) => {
      const reason = node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? '';
      const html = node.html.length > 160 ? `${node.html.slice(0, 159)}…` : node.html;
      return `${node.target.join(' ')} ${html}: ${reason}`;
    }),
  }));
}
