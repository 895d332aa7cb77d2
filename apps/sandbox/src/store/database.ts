/**
 * The SQLite database, through Node's built-in `node:sqlite` (no native addon
 * to build on install): opened in WAL mode, its schema created and migrated by
 * the server itself (PRAGMA user_version counts the migrations applied).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementResultingChanges } from 'node:sqlite';
import { BACKSTOP_PAGES } from './checkpoints.js';

export type Db = DatabaseSync;

/** A prepared statement that says what it binds and what a row is. */
export interface Query<Params extends unknown[], Row> {
  get(...params: Params): Row | undefined;
  all(...params: Params): Row[];
  run(...params: Params): StatementResultingChanges;
}

/**
 * `db.prepare(sql)`, typed: the statement itself, so a call costs nothing
 * more. A row comes back as the object (or, with `returnArrays`, the array of
 * its columns: cheaper to build) that `Row` names.
 */
export function prepare<
  Params extends SQLInputValue[] | [Record<string, SQLInputValue>] = SQLInputValue[],
  Row = never,
>(db: Db, sql: string, options: { returnArrays?: boolean } = {}): Query<Params, Row> {
  const statement = db.prepare(sql);
  if (options.returnArrays) statement.setReturnArrays(true);
  return statement as unknown as Query<Params, Row>;
}

/**
 * Runs `work` in a transaction: committed if it returns, rolled back if it
 * throws. Inside another transaction it is a savepoint of that one.
 */
export function transaction<T>(db: Db, work: () => T): T {
  const nested = db.isTransaction;
  db.exec(nested ? 'SAVEPOINT nested' : 'BEGIN');
  try {
    const result = work();
    db.exec(nested ? 'RELEASE nested' : 'COMMIT');
    return result;
  } catch (error) {
    if (nested) db.exec('ROLLBACK TO nested; RELEASE nested');
    else if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

export const DATABASE_FILE = 'sandbox.sqlite';

/** Append only: a shipped migration never changes, a new one goes at the end. */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL
  );
  CREATE TABLE api_keys (
    key_hash TEXT PRIMARY KEY,
    key_prefix TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    assistant_id TEXT,
    title TEXT,
    visible_in_ui INTEGER NOT NULL DEFAULT 1,
    message_count INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'inactive',
    is_pinned INTEGER NOT NULL DEFAULT 0,
    pinned_at INTEGER
  );
  CREATE INDEX threads_list_order ON threads (organization_id, is_pinned, updated_at, id);
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX messages_thread ON messages (thread_id, position);
  `,
  // 2: each thread keeps its API rendering, written with the row, so reads
  // send stored text instead of building JSON per row (a 4× cheaper list).
  `
  ALTER TABLE threads ADD COLUMN body TEXT NOT NULL DEFAULT '';
  UPDATE threads SET body = json_object(
    'id', id, 'object', 'thread', 'createdAt', created_at, 'updatedAt', updated_at, 'metadata', json(metadata),
    'assistantId', assistant_id, 'organizationId', organization_id, 'userId', user_id, 'title', title,
    'visibleInUi', json(CASE visible_in_ui WHEN 1 THEN 'true' ELSE 'false' END), 'messageCount', message_count,
    'status', status, 'isPinned', json(CASE is_pinned WHEN 1 THEN 'true' ELSE 'false' END), 'pinnedAt', pinned_at);
  `,
  // 3: read-only keys (list and retrieve only; every write is a 403), and
  // the rate-limit windows, so a restart does not hand every key a fresh one.
  `
  ALTER TABLE api_keys ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE rate_limits (
    key_hash TEXT PRIMARY KEY REFERENCES api_keys(key_hash),
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL
  );
  `,
  // 4: the answers to writes sent with an Idempotency-Key, stored in the
  // transaction of the write they answer, kept 24 hours.
  `
  CREATE TABLE idempotency_records (
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (organization_id, key)
  );
  CREATE INDEX idempotency_records_age ON idempotency_records (created_at);
  `,
  // 5: a reset retires an organization's threads at once, by moving the
  // organization to its next thread generation, and deletes the retired rows
  // in small batches afterwards (retired-threads.ts); the list index leads
  // with the generation so a page reads only the live one.
  `
  ALTER TABLE organizations ADD COLUMN thread_generation INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE threads ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
  DROP INDEX threads_list_order;
  CREATE INDEX threads_list_order ON threads (organization_id, generation, is_pinned, updated_at, id);
  `,
];

export function openDatabase(dataDir: string | undefined): Db {
  let file = ':memory:';
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, DATABASE_FILE);
  }
  const db = new DatabaseSync(file);
  // In WAL mode NORMAL loses no committed transaction when the process dies
  // (SIGKILL included), only on an OS crash or power cut: right for a sandbox.
  // journal_size_limit: the WAL is cut back to 16 MB after a checkpoint, not
  // left at the size of the largest transaction it ever held.
  // wal_autocheckpoint: checkpoints run on a worker thread (checkpoints.ts);
  // this connection's own is only a backstop.
  db.exec(
    `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;
     PRAGMA journal_size_limit = ${16 * 1024 * 1024}; PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`,
  );
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the schema up to `target` (default: this server's version), one transaction per migration. */
export function migrate(db: Db, target = SCHEMA_VERSION): void {
  const applied = prepare<[], { user_version: number }>(db, 'PRAGMA user_version').get()!.user_version;
  if (applied > SCHEMA_VERSION) {
    throw new Error(`The database is at schema version ${applied}, newer than this server (${SCHEMA_VERSION})`);
  }
  for (let version = applied; version < target; version++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
}
