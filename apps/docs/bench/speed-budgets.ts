/**
 * The reference's and the console's speed budgets, against a baseline build
 * measured side by side (BENCH_BASELINE): every operation visible in the
 * reference's sidebar, and the console usable (Send enabled on the operation
 * a "Try it" link opened), each in at most half the baseline's time, and each
 * page's bytes on the wire fewer than the baseline's. Pure over the figures,
 * so a test can feed it figures over budget and see them refused.
 */
import type { BudgetRow } from './markdown-budgets.js';

/** At most this multiple of the baseline's time. */
export const BUDGET_TIME_RATIO = 0.5;

/** One build's medians, as the bench measured them. */
export interface SpeedFigures {
  /** Navigation start until every operation's sidebar entry is visible. */
  sidebarMs: number;
  /** A "Try it" link's navigation start until the console's Send button is enabled. */
  consoleMs: number;
  /** Bytes the browser received loading the reference, headers included, as served (compressed if the server compresses). */
  referenceBytes: number;
  /** The same for the console page, opened by the "Try it" link. */
  consoleBytes: number;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB (${bytes} bytes)`;

/**
 * A row per figure: with no baseline, each reported; with one, the times
 * held to ≤ BUDGET_TIME_RATIO × the baseline's and the bytes to fewer than
 * the baseline's.
 */
export function speedBudgetRows(ours: SpeedFigures, baseline?: SpeedFigures): BudgetRow[] {
  const time = (what: string, key: 'sidebarMs' | 'consoleMs'): BudgetRow => {
    if (!baseline) return { what, figure: ms(ours[key]), budget: '(reported)' };
    const ratio = ours[key] / baseline[key];
    return {
      what: `${what} (baseline ${ms(baseline[key])})`,
      figure: `${ms(ours[key])}: ${ratio.toFixed(2)}×`,
      budget: `≤ ${BUDGET_TIME_RATIO}×`,
      ok: ratio <= BUDGET_TIME_RATIO,
    };
  };
  const bytes = (what: string, key: 'referenceBytes' | 'consoleBytes'): BudgetRow => {
    if (!baseline) return { what, figure: kB(ours[key]), budget: '(reported)' };
    return {
      what: `${what} (baseline ${kB(baseline[key])})`,
      figure: `${kB(ours[key])}: ${(ours[key] / baseline[key]).toFixed(2)}×`,
      budget: '< baseline',
      ok: ours[key] < baseline[key],
    };
  };
  return [
    time('reference: all operations visible in the sidebar', 'sidebarMs'),
    time('console: Send enabled after a "Try it" link', 'consoleMs'),
    bytes('reference: bytes on the wire', 'referenceBytes'),
    bytes('console: bytes on the wire', 'consoleBytes'),
  ];
}
