import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, migrate, openDatabase, prepare, SCHEMA_VERSION } from './database.js';
import { type ThreadRow, toThread } from './threads.js';

const dir = mkdtempSync(join(tmpdir(), 'freddy-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('upgrade a version-1 database in place, rendering the bodies of existing threads', () => {
    const old = new DatabaseSync(join(dir, DATABASE_FILE));
    migrate(old, 1);
    old.exec(`INSERT INTO organizations VALUES ('org_1', 'Org', 0); INSERT INTO users VALUES ('uid_1', 'org_1', 'U');`);
    old
      .prepare(
        `INSERT INTO threads (id, organization_id, user_id, created_at, updated_at, metadata, assistant_id, title,
          visible_in_ui, message_count, status, is_pinned, pinned_at)
         VALUES ('thread_old', 'org_1', 'uid_1', 100, 200, '{"b":"2","a":"é"}', NULL, 'Old "one"', 0, 3, 'inactive', 1, 150)`,
      )
      .run();
    old.close();

    const db = openDatabase(dir);
    expect(prepare<[], { user_version: number }>(db, 'PRAGMA user_version').get()).toEqual({
      user_version: SCHEMA_VERSION,
    });
    expect(prepare<[], { journal_mode: string }>(db, 'PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    const row = prepare<[], ThreadRow>(db, 'SELECT * FROM threads').get()!;
    expect(row.body).toBe(JSON.stringify(toThread(row)));
    db.close();
  });

  it('refuse a database newer than the server', () => {
    const newer = join(dir, 'newer');
    const db = openDatabase(newer);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(newer)).toThrow(/newer than this server/);
  });
});
