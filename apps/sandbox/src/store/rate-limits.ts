/**
 * Rate-limit windows kept in SQLite, so a restart does not give every key a
 * fresh window. The limiter's map stays the source of truth (a request costs
 * no write): the windows that changed are saved once a second and at close,
 * in one transaction. A crash loses at most the last second's counts.
 */
import type { RateLimiter, RateWindow } from '../auth/rate-limit.js';
import { type Db, prepare, transaction } from './database.js';

const SAVE_EVERY_MS = 1_000;

export interface RateLimitPersistence {
  /** Saves what changed now. */
  save(): void;
  /** Deletes the saved windows of these keys (a reset of their organization). */
  forget(keyHashes: string[]): void;
  /** Stops the timer and saves a last time. */
  close(): void;
}

export function persistRateLimits(db: Db, limiter: RateLimiter): RateLimitPersistence {
  const open = prepare<[number], { key_hash: string; window_start: number; count: number }>(
    db,
    'SELECT key_hash, window_start, count FROM rate_limits WHERE window_start > ?',
  ).all(Date.now() - limiter.windowMs);
  limiter.restore(
    open.map((row): [string, RateWindow] => [row.key_hash, { start: row.window_start, count: row.count }]),
  );

  const upsert = prepare<[string, number, number]>(
    db,
    `INSERT INTO rate_limits (key_hash, window_start, count) VALUES (?, ?, ?)
     ON CONFLICT (key_hash) DO UPDATE SET window_start = excluded.window_start, count = excluded.count`,
  );
  const remove = prepare<[string]>(db, 'DELETE FROM rate_limits WHERE key_hash = ?');
  const save = () => {
    const changed = limiter.takeChanged();
    if (changed.length === 0) return;
    transaction(db, () => {
      for (const [key, window] of changed) upsert.run(key, window.start, window.count);
    });
  };
  const timer = setInterval(save, SAVE_EVERY_MS);
  timer.unref();
  return {
    save,
    forget(keyHashes) {
      limiter.forget(keyHashes);
      for (const key of keyHashes) remove.run(key);
    },
    close() {
      clearInterval(timer);
      save();
    },
  };
}
