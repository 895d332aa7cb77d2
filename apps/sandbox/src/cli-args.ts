/** The command line's values that need more than a string. */

/** Parses `--rate-limit` values such as `100/60s`, `100/m` or `1000/1m`. */
export function parseRateLimit(text: string): { limit: number; windowMs: number } {
  const match = /^(\d+)\/(\d+)?(ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`--rate-limit must look like 100/60s or 1000/1m, not "${text}"`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[match[3] as 'ms' | 's' | 'm' | 'h'];
  const limit = Number(match[1]);
  const windowMs = Number(match[2] ?? 1) * unit;
  if (limit < 1 || windowMs < 1) throw new Error('--rate-limit needs a limit and a window of at least 1');
  return { limit, windowMs };
}

/** Parses `--fault-rate`: a share of requests from 0 to 1 (`0.05`), or a percentage (`5%`). */
export function parseFaultRate(text: string): number {
  const percent = text.trim().endsWith('%');
  const value = Number(percent ? text.trim().slice(0, -1) : text);
  const rate = percent ? value / 100 : value;
  if (text.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new Error(`--fault-rate must be a share from 0 to 1 (0.05) or a percentage (5%), not "${text}"`);
  }
  return rate;
}

export function parseWholeNumber(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value))
    throw new Error(`${flag} must be a whole number, not "${text}"`);
  return value;
}
