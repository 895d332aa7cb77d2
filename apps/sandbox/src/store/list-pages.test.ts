/**
 * A list page seeks the index to its cursor, in either order and on either
 * side: SQLite's own query plan for every range the store reads says so.
 * (test/pagination.test.ts walks the pages over HTTP for their order.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { type Cursor, type ListQuery, rangeReads } from './list-pages.js';

const db = openDatabase(undefined);
afterAll(() => db.close());

function plan(sql: string, params: (string | number)[]): string[] {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params, 21)
    .map((row) => String(row.detail));
}

const cursorAt = (side: Cursor['side'], isPinned: number): Cursor => ({
  side,
  isPinned,
  updatedAt: 1_700_000_000,
  id: 'thread_cursor',
});

const cases = (['desc', 'asc'] as const).flatMap((order) =>
  [undefined, ...(['after', 'before'] as const).flatMap((side) => [cursorAt(side, 0), cursorAt(side, 1)])].flatMap(
    (cursor) =>
      [{}, { visibleInUi: true, assistantId: 'asst_1' }].map((filters) => ({
        name: `order=${order}${cursor ? ` ${cursor.side} a${cursor.isPinned ? ' pinned' : 'n unpinned'} thread` : ''}${
          'assistantId' in filters ? ' (filtered)' : ''
        }`,
        query: { order, limit: 20, ...filters } as ListQuery,
        cursor,
      })),
  ),
);

describe('list pages', () => {
  it.each(cases)(
    '$name: every range is a SEARCH of the list index, bounded at the cursor, unsorted',
    ({ query, cursor }) => {
      const reads = rangeReads({ organizationId: 'org_1', generation: 0 }, query, cursor);
      // A page from the start reads both pin flags; from a cursor, its own flag and those after it.
      expect(reads).toHaveLength(cursor && (cursor.side === 'after') === (cursor.isPinned === 0) ? 1 : 2);
      reads.forEach((read, i) => {
        const bounded = cursor !== undefined && i === 0;
        const steps = plan(read.sql, read.params);
        expect(steps).toEqual([
          expect.stringMatching(
            bounded
              ? /^SEARCH threads USING INDEX threads_list_order \(organization_id=\? AND generation=\? AND is_pinned=\? AND \(updated_at,id\)[<>]\(\?,\?\)\)$/
              : /^SEARCH threads USING INDEX threads_list_order \(organization_id=\? AND generation=\? AND is_pinned=\?\)$/,
          ),
        ]);
        expect(steps.join('\n')).not.toMatch(/TEMP B-TREE|SCAN/);
      });
    },
  );

  it('the plan check catches a page that sorts or scans', () => {
    // The single query the store used to run: both flags at once, so `order=asc` mixes directions.
    const mixed = `SELECT body, id FROM threads WHERE organization_id = ?
      AND (is_pinned < ? OR (is_pinned = ? AND (updated_at, id) > (?, ?)))
      ORDER BY is_pinned DESC, updated_at ASC, id ASC LIMIT ?`;
    const steps = plan(mixed, ['org_1', 1, 1, 0, 'thread_cursor']).join('\n');
    expect(steps).toMatch(/USE TEMP B-TREE FOR .*ORDER BY/);
    expect(steps).not.toMatch(/\(updated_at,id\)>\(\?,\?\)/);
  });
});
