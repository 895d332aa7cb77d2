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
