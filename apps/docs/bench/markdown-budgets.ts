/**
 * The Markdown's budgets: `llms-full.txt` within 96 kB (an agent reads it
 * whole, so its rough token count, bytes ÷ 4, is printed beside it), each
 * operation's page within 16 kB, and `llms.txt` reported. Pure over the file
 * sizes, so a test can show a page one byte over being refused.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LLMS_FULL, LLMS_INDEX, OPERATIONS_DIR } from '../src/markdown/locations.js';
import { isPrecompressedCopy } from '../src/precompress.js';

export const BUDGET_LLMS_FULL_BYTES = 96_000;
export const BUDGET_OPERATION_PAGE_BYTES = 16_000;

export interface SizedFile {
  /** From the site's root. */
  path: string;
  bytes: number;
}

export interface BudgetRow {
  what: string;
  figure: string;
  budget: string;
  /** `undefined` for a figure that is only reported. */
  ok?: boolean;
}

/** The Markdown files of a built site with their sizes. */
export function markdownSizes(siteDir: string): SizedFile[] {
  const size = (path: string) => ({ path, bytes: statSync(join(siteDir, path)).size });
  const pages = readdirSync(join(siteDir, OPERATIONS_DIR))
    .filter((name) => !isPrecompressedCopy(name))
    .sort()
    .map((name) => size(`${OPERATIONS_DIR}/${name}`));
  return [size(LLMS_INDEX), size(LLMS_FULL), ...pages];
}

export function markdownBudgetRows(files: SizedFile[]): BudgetRow[] {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB (${bytes} bytes)`;
  const rows: BudgetRow[] = [];
  for (const file of files) {
    if (file.path === LLMS_INDEX)
      rows.push({ what: `site/${file.path}`, figure: kb(file.bytes), budget: '(reported)' });
    else if (file.path === LLMS_FULL)
      rows.push({
        what: `site/${file.path} (~${Math.round(file.bytes / 4).toLocaleString('en')} tokens at 4 bytes each)`,
        figure: kb(file.bytes),
        budget: '≤ 96 kB',
        ok: file.bytes <= BUDGET_LLMS_FULL_BYTES,
      });
    else if (file.path.startsWith(`${OPERATIONS_DIR}/`))
      rows.push({
        what: `site/${file.path}`,
        figure: kb(file.bytes),
        budget: '≤ 16 kB',
        ok: file.bytes <= BUDGET_OPERATION_PAGE_BYTES,
      });
  }
  return rows;
}
