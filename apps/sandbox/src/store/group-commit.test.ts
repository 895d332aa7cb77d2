import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from './database.js';
import { GroupCommit } from './group-commit.js';

const dir = mkdtempSync(join(tmpdir(), 'freddy-group-'));
const db = openDatabase(dir);
db.exec('CREATE TABLE t (v TEXT PRIMARY KEY)');
const writes = new GroupCommit(db);
const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GroupCommit', () => {
  it('rolls back only the write that throws; the others in the same batch commit', async () => {
    const results = await Promise.allSettled([
      writes.run(() => insert.run('a').changes),
      writes.run(() => {
        insert.run('b');
        throw new Error('refused after writing');
      }),
      writes.run(() => insert.run('c').changes),
      // A constraint error is refused the same way, and does not spoil the batch.
      writes.run(() => insert.run('a')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused after writing');
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 'a' }, { v: 'c' }]);
    expect(db.isTransaction).toBe(false);
  });

  it('answers only after COMMIT: another connection already sees the write', async () => {
    const other = new DatabaseSync(join(dir, DATABASE_FILE), { readOnly: true });
    try {
      await writes.run(() => insert.run('d'));
      expect(other.prepare("SELECT count(*) AS n FROM t WHERE v = 'd'").get()).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });

  it('runs the writes of one batch in arrival order', async () => {
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map((n) => writes.run(() => order.push(n))));
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });
});
