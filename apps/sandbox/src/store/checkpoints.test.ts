import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, Checkpoints } from './checkpoints.js';
import { DATABASE_FILE, openDatabase, prepare } from './database.js';
import { BATCHES_PER_CHECKPOINT, PURGE_BATCH } from './retired-threads.js';
import { ThreadStore } from './threads.js';

const dir = mkdtempSync(join(tmpdir(), 'freddy-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Enough threads that their deletion writes many times the WAL the purge may hold. */
const THREADS = PURGE_BATCH * BATCHES_PER_CHECKPOINT * 8;

function walBytes(dataDir: string): number {
  try {
    return statSync(join(dataDir, `${DATABASE_FILE}-wal`)).size;
  } catch {
    return 0;
  }
}

describe('WAL checkpoints', () => {
  it('are off the server connection: its automatic checkpoint is only a backstop', () => {
    const db = openDatabase(join(dir, 'pragma'));
    expect(prepare<[], { wal_autocheckpoint: number }>(db, 'PRAGMA wal_autocheckpoint').get()).toEqual({
      wal_autocheckpoint: BACKSTOP_PAGES,
    });
    db.close();
    // In memory there is no WAL, and no worker to run.
    const memory = openDatabase(undefined);
    expect(Checkpoints.of(memory)).toBeUndefined();
    memory.close();
  });

  it('run on the worker: every committed frame is copied into the database file', async () => {
    const dataDir = join(dir, 'worker');
    const db = openDatabase(dataDir);
    db.exec(`CREATE TABLE t (x TEXT);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
      INSERT INTO t SELECT hex(randomblob(500)) FROM n`);
    const checkpoints = Checkpoints.of(db)!;
    const result = await checkpoints.run();
    expect(result?.log).toBeGreaterThan(100);
    expect(result).toMatchObject({ busy: 0, checkpointed: result?.log });
    checkpoints.close();
    expect(await checkpoints.run()).toBeUndefined();
    db.close();
  });

  it("keep the WAL bounded while a large reset's rows are deleted", async () => {
    const dataDir = join(dir, 'purge');
    const db = openDatabase(dataDir);
    db.exec(`INSERT INTO organizations (id, name, created_at) VALUES ('org_a', 'A', 0);
             INSERT INTO users VALUES ('uid_a', 'org_a', 'A');`);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO threads (id, organization_id, user_id, created_at, updated_at, title, body)
       SELECT 'thread_' || i, 'org_a', 'uid_a', i, i, hex(randomblob(150)), hex(randomblob(200)) FROM n`,
    ).run(THREADS);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const fileBytes = statSync(join(dataDir, DATABASE_FILE)).size;
    const store = new ThreadStore(db);
    store.resetOrganization('org_a', 'uid_a');
    let largest = 0;
    let done = false;
    const purge = store.retiredThreadsDeleted().then(() => {
      done = true;
    });
    while (!done) {
      largest = Math.max(largest, walBytes(dataDir));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await purge;
    largest = Math.max(largest, walBytes(dataDir));
    expect(prepare<[], { n: number }>(db, 'SELECT count(*) AS n FROM threads').get()!.n).toBe(0);
    // Deleting every row rewrites most of the file's pages: with only the
    // backstop, the WAL would grow to about the file's size.
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(fileBytes / 3);
    store.close();
    db.close();
  });
});
