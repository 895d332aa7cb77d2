/** The bench's speed budgets refuse a page slower than half the baseline's time, or no lighter than it. */
import { describe, expect, it } from 'vitest';
import { BUDGET_TIME_RATIO, type SpeedFigures, speedBudgetRows } from '../bench/speed-budgets.js';

const baseline: SpeedFigures = { sidebarMs: 1000, consoleMs: 3000, referenceBytes: 700_000, consoleBytes: 1_400_000 };
const verdicts = (ours: SpeedFigures, base?: SpeedFigures) => speedBudgetRows(ours, base).map(({ ok }) => ok);

describe('speed budgets', () => {
  it('pass times at half the baseline and bytes one under it', () => {
    const atBudget: SpeedFigures = {
      sidebarMs: baseline.sidebarMs * BUDGET_TIME_RATIO,
      consoleMs: baseline.consoleMs * BUDGET_TIME_RATIO,
      referenceBytes: baseline.referenceBytes - 1,
      consoleBytes: baseline.consoleBytes - 1,
    };
    expect(verdicts(atBudget, baseline)).toEqual([true, true, true, true]);
  });

  it('refuse each figure over its budget, and only that one', () => {
    const fast: SpeedFigures = { sidebarMs: 400, consoleMs: 1200, referenceBytes: 300_000, consoleBytes: 600_000 };
    expect(verdicts({ ...fast, sidebarMs: 501 }, baseline)).toEqual([false, true, true, true]);
    expect(verdicts({ ...fast, consoleMs: 1501 }, baseline)).toEqual([true, false, true, true]);
    expect(verdicts({ ...fast, referenceBytes: baseline.referenceBytes }, baseline)).toEqual([true, true, false, true]);
    expect(verdicts({ ...fast, consoleBytes: baseline.consoleBytes + 1 }, baseline)).toEqual([true, true, true, false]);
  });

  it('print the ratio to the baseline beside each figure', () => {
    const [sidebar, , reference] = speedBudgetRows({ ...baseline, sidebarMs: 450, referenceBytes: 350_000 }, baseline);
    expect(sidebar).toMatchObject({ figure: '450 ms: 0.45×', budget: '≤ 0.5×' });
    expect(sidebar!.what).toContain('baseline 1000 ms');
    expect(reference).toMatchObject({ figure: '350.0 kB (350000 bytes): 0.50×', budget: '< baseline' });
  });

  it('only report the figures when there is no baseline', () => {
    expect(verdicts({ ...baseline, sidebarMs: 1e9 })).toEqual([undefined, undefined, undefined, undefined]);
  });
});
