import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { type ListQuery, ThreadStore } from './threads.js';

function storeWithTwoOrganizations() {
  const db = openDatabase(undefined);
  db.exec(`INSERT INTO organizations (id, name, created_at) VALUES ('org_a', 'A', 0), ('org_b', 'B', 0);
           INSERT INTO users VALUES ('uid_a', 'org_a', 'A'), ('uid_b', 'org_b', 'B');`);
  return { db, store: new ThreadStore(db) };
}

const page: ListQuery = { limit: 20, order: 'desc' };
const titles = (store: ThreadStore, org: string) =>
  store.list(org, page).threads.map((text) => (JSON.parse(text) as { title: string }).title);
const always = () => ({ ok: true }) as const;

describe('ThreadStore caches (rows and list pages)', () => {
  it('never answers from before a committed write, and keeps organizations apart', async () => {
    const { db, store } = storeWithTwoOrganizations();
    const a = await store.create('org_a', 'uid_a', { title: 'one', visibleInUi: true });
    await store.create('org_b', 'uid_b', { title: 'theirs', visibleInUi: true });
    expect(titles(store, 'org_a')).toEqual(['one']);
    expect(JSON.parse(store.getJson('org_a', a.id)!).title).toBe('one');
    expect(store.getJson('org_b', a.id)).toBeUndefined();

    await store.change('org_a', a.id, { title: 'renamed' }, always);
    expect(JSON.parse(store.getJson('org_a', a.id)!).title).toBe('renamed');
    expect(titles(store, 'org_a')).toEqual(['renamed']);

    await store.pin('org_a', a.id, true, (thread) => thread);
    expect(JSON.parse(store.getJson('org_a', a.id)!).isPinned).toBe(true);
    expect(JSON.parse(store.list('org_a', page).threads[0]!).isPinned).toBe(true);

    const b = await store.create('org_a', 'uid_a', { title: 'two', visibleInUi: true });
    expect(titles(store, 'org_a')).toEqual(['renamed', 'two']);
    await store.delete('org_a', b.id, () => true);
    expect(store.getJson('org_a', b.id)).toBeUndefined();
    expect(titles(store, 'org_a')).toEqual(['renamed']);

    store.resetOrganization('org_a', 'uid_a', [{ title: 'seeded', visibleInUi: true }]);
    expect(store.getJson('org_a', a.id)).toBeUndefined();
    expect(titles(store, 'org_a')).toEqual(['seeded']);
    expect(titles(store, 'org_b')).toEqual(['theirs']);
    db.close();
  });

  it('keeps a write that was refused out of the cache', async () => {
    const { db, store } = storeWithTwoOrganizations();
    const a = await store.create('org_a', 'uid_a', { title: 'kept', metadata: { k: 'v' }, visibleInUi: true });
    const refuse = () => ({ ok: false, problem: undefined }) as const;
    await expect(store.change('org_a', a.id, { title: 'no', metadata: { x: 'y' } }, refuse)).rejects.toThrow();
    expect(JSON.parse(store.getJson('org_a', a.id)!)).toMatchObject({ title: 'kept', metadata: { k: 'v' } });
    db.close();
  });
});
