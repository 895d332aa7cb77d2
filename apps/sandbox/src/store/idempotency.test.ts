import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { GroupCommit } from './group-commit.js';
import { IDEMPOTENCY_TTL_MS, IdempotencyRecords } from './idempotency.js';
import { withWriteContext } from './write-context.js';

function setUp() {
  const db = openDatabase(undefined);
  db.prepare("INSERT INTO organizations (id, name, created_at) VALUES ('org_1', 'Org', 0)").run();
  return { db, records: new IdempotencyRecords(db) };
}

const record = { fingerprint: 'f', status: 200, body: '{"id":"thread_1"}' };

describe('IdempotencyRecords', () => {
  it('finds a record for 24 hours, then no longer', () => {
    const { records } = setUp();
    const now = 1_800_000_000_000;
    records.save('org_1', 'k', record, now);
    expect(records.find('org_1', 'k', now + IDEMPOTENCY_TTL_MS - 1)).toEqual(record);
    expect(records.find('org_1', 'k', now + IDEMPOTENCY_TTL_MS)).toBeUndefined();
    expect(records.find('org_2', 'k', now)).toBeUndefined();
  });

  it('purges expired records', () => {
    const { db, records } = setUp();
    records.save('org_1', 'old', record, 0);
    records.save('org_1', 'new', record, IDEMPOTENCY_TTL_MS + 10);
    records.purgeExpired(IDEMPOTENCY_TTL_MS + 5);
    expect(db.prepare('SELECT key FROM idempotency_records').all()).toEqual([{ key: 'new' }]);
  });
});

describe('a record written beside its write', () => {
  it('commits with the write, and a failing record rolls the write back', async () => {
    const { db, records } = setUp();
    const writes = new GroupCommit(db);
    const insert = db.prepare("INSERT INTO organizations (id, name, created_at) VALUES (?, 'x', 0)");
    const context = (key: string) => ({
      afterWrite: (answer: unknown) => records.save('org_1', key, { ...record, body: String(answer) }),
    });

    await withWriteContext(context('good'), () =>
      writes.run(() => {
        insert.run('org_a');
        return 'a';
      }),
    );
    expect(records.find('org_1', 'good')?.body).toBe('a');

    const failing = {
      afterWrite: () => {
        throw new Error('disk full');
      },
    };
    await expect(
      withWriteContext(failing, () =>
        writes.run(() => {
          insert.run('org_b');
          return 'b';
        }),
      ),
    ).rejects.toThrow('disk full');
    expect(db.prepare("SELECT count(*) AS n FROM organizations WHERE id = 'org_b'").get()).toEqual({ n: 0 });

    // A write started outside the context carries none.
    await writes.run(() => insert.run('org_c'));
    expect(db.prepare('SELECT count(*) AS n FROM idempotency_records').get()).toEqual({ n: 1 });
  });
});
