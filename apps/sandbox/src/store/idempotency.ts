/** The stored answers to writes sent with an `Idempotency-Key`, per organization, for 24 hours. */
import { type Db, prepare, type Query } from './database.js';

export interface IdempotencyRecord {
  /** What identifies the request the key was first used with: operation, path and body. */
  fingerprint: string;
  status: number;
  /** The answer's JSON text, sent again as it was. */
  body: string;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export class IdempotencyRecords {
  private readonly select: Query<[string, string, number], IdempotencyRecord>;
  private readonly upsert: Query<[string, string, string, number, string, number], never>;
  private readonly purge: Query<[number], never>;
  private readonly removeAll: Query<[string], never>;

  constructor(db: Db) {
    this.select = prepare(
      db,
      'SELECT fingerprint, status, body FROM idempotency_records WHERE organization_id = ? AND key = ? AND created_at > ?',
    );
    // An expired record of the same key is replaced, not kept beside the new one.
    this.upsert = prepare(
      db,
      `INSERT OR REPLACE INTO idempotency_records (organization_id, key, fingerprint, status, body, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.purge = prepare(db, 'DELETE FROM idempotency_records WHERE created_at <= ?');
    this.removeAll = prepare(db, 'DELETE FROM idempotency_records WHERE organization_id = ?');
    this.purgeExpired();
  }

  /** The unexpired record of `key`, if the organization has one. */
  find(organizationId: string, key: string, now = Date.now()): IdempotencyRecord | undefined {
    return this.select.get(organizationId, key, now - IDEMPOTENCY_TTL_MS);
  }

  /** Stores an answer; call it inside the transaction of the write it answers. */
  save(organizationId: string, key: string, record: IdempotencyRecord, now = Date.now()): void {
    this.upsert.run(organizationId, key, record.fingerprint, record.status, record.body, now);
  }

  /** Forgets every record of an organization (a sandbox reset); returns how many there were. */
  forget(organizationId: string): number {
    return Number(this.removeAll.run(organizationId).changes);
  }

  /** Drops records older than 24 hours (at start; later ones are replaced as their keys come back). */
  purgeExpired(now = Date.now()): void {
    this.purge.run(now - IDEMPOTENCY_TTL_MS);
  }
}
