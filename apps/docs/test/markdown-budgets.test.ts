/** The Markdown budgets refuse a page or an llms-full.txt one byte over, and pass one at the budget. */
import { describe, expect, it } from 'vitest';
import { BUDGET_LLMS_FULL_BYTES, BUDGET_OPERATION_PAGE_BYTES, markdownBudgetRows } from '../bench/markdown-budgets.js';

const verdicts = (files: { path: string; bytes: number }[]) =>
  markdownBudgetRows(files).map(({ what, ok }) => [what.split(' ')[0], ok]);

describe('Markdown budgets', () => {
  it('pass files at their budget and refuse them one byte over', () => {
    expect(
      verdicts([
        { path: 'llms.txt', bytes: 1_000_000 },
        { path: 'llms-full.txt', bytes: BUDGET_LLMS_FULL_BYTES },
        { path: 'operations/pin-thread.md', bytes: BUDGET_OPERATION_PAGE_BYTES },
        { path: 'operations/create-thread.md', bytes: BUDGET_OPERATION_PAGE_BYTES + 1 },
      ]),
    ).toEqual([
      ['site/llms.txt', undefined],
      ['site/llms-full.txt', true],
      ['site/operations/pin-thread.md', true],
      ['site/operations/create-thread.md', false],
    ]);
    expect(verdicts([{ path: 'llms-full.txt', bytes: BUDGET_LLMS_FULL_BYTES + 1 }])).toEqual([
      ['site/llms-full.txt', false],
    ]);
  });

  it('print the rough token count of llms-full.txt, bytes ÷ 4', () => {
    const [row] = markdownBudgetRows([{ path: 'llms-full.txt', bytes: 85_849 }]);
    expect(row!.what).toBe('site/llms-full.txt (~21,462 tokens at 4 bytes each)');
    expect(row!.figure).toBe('85.8 kB (85849 bytes)');
  });
});
