import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase, prepare } from './database.js';
import { PURGE_BATCH } from './retired-threads.js';
import { type ListQuery, ThreadStore, UnknownCursorError } from './threads.js';

const dir = mkdtempSync(join(tmpdir(), 'freddy-retired-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** More threads than a few purge batches, each with a message, written straight into org_a. */
const LARGE = PURGE_BATCH * 5 + 7;

function openWithTwoOrganizations(dataDir?: string) {
  const db = openDatabase(dataDir);
  db.exec(`INSERT INTO organizations (id, name, created_at) VALUES ('org_a', 'A', 0), ('org_b', 'B', 0);
           INSERT INTO users VALUES ('uid_a', 'org_a', 'A'), ('uid_b', 'org_b', 'B');`);
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO threads (id, organization_id, user_id, created_at, updated_at, message_count, body)
     SELECT 'thread_large' || i, 'org_a', 'uid_a', i, i, 1, '{}' FROM n`,
  ).run(LARGE);
  db.exec(`INSERT INTO messages (thread_id, position, role, content, created_at)
           SELECT id, 0, 'user', 'hello', 0 FROM threads`);
  return db;
}

const count = (db: Db, sql: string) => prepare<[], { n: number }>(db, `SELECT count(*) AS n FROM ${sql}`).get()!.n;
const storedOfA = (db: Db) => count(db, "threads WHERE organization_id = 'org_a'");
const page: ListQuery = { limit: 20, order: 'desc' };
const titles = (store: ThreadStore, org: string) =>
  store.list(org, page).threads.map((text) => (JSON.parse(text) as { title: string }).title);

describe('a reset of a large organization', () => {
  it('empties it at once, then deletes its rows in batches while another organization is answered', async () => {
    const db = openWithTwoOrganizations();
    const store = new ThreadStore(db);
    await store.create('org_b', 'uid_b', { title: 'theirs', visibleInUi: true });
    expect(store.list('org_a', page).threads).toHaveLength(20);

    expect(store.resetOrganization('org_a', 'uid_a', [{ title: 'seeded', visibleInUi: true }])).toEqual({
      deleted: LARGE,
      created: 1,
    });
    // At once, for every read: only the seed, whatever is still in the file.
    expect(titles(store, 'org_a')).toEqual(['seeded']);
    expect(store.getJson('org_a', 'thread_large1')).toBeUndefined();
    expect(storedOfA(db)).toBeGreaterThan(1);
    // A retired thread still in the file is no cursor, and no write reaches it.
    const retired = `thread_large${LARGE}`;
    expect(count(db, `threads WHERE id = '${retired}'`)).toBe(1);
    expect(() => store.list('org_a', { ...page, after: retired })).toThrow(UnknownCursorError);
    expect(
      await Promise.all([
        store.change('org_a', retired, { title: 'back' }, () => ({ ok: true })),
        store.pin('org_a', retired, true, () => 'pinned'),
        store.delete('org_a', retired, () => 'deleted'),
      ]),
    ).toEqual([undefined, undefined, undefined]);

    // Another organization's write and read are answered while retired rows are still being deleted.
    await store.create('org_b', 'uid_b', { title: 'also theirs', visibleInUi: true });
    expect(storedOfA(db)).toBeGreaterThan(1);
    expect(titles(store, 'org_b').sort()).toEqual(['also theirs', 'theirs']);

    await store.retiredThreadsDeleted();
    expect(storedOfA(db)).toBe(1);
    expect(count(db, 'messages')).toBe(0);
    expect(titles(store, 'org_a')).toEqual(['seeded']);
    db.close();
  });

  it('a small organization is emptied in the reset itself, with nothing left to delete', async () => {
    const db = openDatabase(undefined);
    db.exec(`INSERT INTO organizations (id, name, created_at) VALUES ('org_a', 'A', 0);
             INSERT INTO users VALUES ('uid_a', 'org_a', 'A');`);
    const store = new ThreadStore(db);
    await store.create('org_a', 'uid_a', { title: 'one', visibleInUi: true });
    expect(store.resetOrganization('org_a', 'uid_a')).toEqual({ deleted: 1, created: 0 });
    expect(storedOfA(db)).toBe(0);
    db.close();
  });

  it('rows a stopped server left retired are deleted by the next one', async () => {
    const dataDir = join(dir, 'stopped');
    const first = openWithTwoOrganizations(dataDir);
    new ThreadStore(first).resetOrganization('org_a', 'uid_a');
    // Closed before any batch after the first: the scheduled ones fail, quietly.
    first.close();

    const db = openDatabase(dataDir);
    expect(storedOfA(db)).toBe(LARGE - PURGE_BATCH);
    const store = new ThreadStore(db);
    expect(store.list('org_a', page).threads).toEqual([]);
    await store.retiredThreadsDeleted();
    expect(storedOfA(db)).toBe(0);
    db.close();
  });
});
