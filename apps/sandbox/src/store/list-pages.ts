/**
 * List pages, read by seeking the index to the cursor. List order is pinned
 * threads first, then `updated_at` in the requested direction, ties by id in
 * the same direction. One index, (organization_id, generation, is_pinned,
 * updated_at, id), serves it: for each pin flag in turn, a range of
 * (updated_at, id) from the cursor, walked forward or backward, in the
 * organization's live generation (retired-threads.ts). A single ORDER BY over
 * both flags would mix directions for `order=asc` (pin flag descending, key
 * ascending), which no index gives without sorting the organization's threads;
 * and an OR of the two flags' bounds defeats the seek, scanning from the top
 * of the organization. So a page costs the same at any depth and in either
 * order (`list-pages.test.ts` holds the query plan to it; `bench/pages.mjs`
 * measures it).
 */
import type { ListThreadsQuery } from '@freddy/types';
import { type Db, prepare, type Query } from './database.js';

/** A list query after the contract's defaults are applied. */
export type ListQuery = ListThreadsQuery & Required<Pick<ListThreadsQuery, 'limit' | 'order'>>;

export interface ListPage {
  /** Each thread of the page as its JSON text, in list order. */
  threads: string[];
  ids: string[];
  hasMore: boolean;
}

/** The threads a list reads: an organization's live generation. */
export interface LiveThreads {
  organizationId: string;
  generation: number;
}

/** The thread a page starts from, and which side of it the page lies. */
export interface Cursor {
  side: 'after' | 'before';
  isPinned: number;
  updatedAt: number;
  id: string;
}

/** One range of the index: the threads of one pin flag, from the cursor or from the end, nearest first. */
export interface RangeRead {
  sql: string;
  /** Its parameters but the last, the number of rows still wanted. */
  params: (string | number)[];
}

/** The pin flags in list order: pinned threads come first. */
const PIN_FLAGS = [1, 0];

/**
 * The ranges that make up a page, in the order they are read. A `before`
 * page is read nearest-first, against list order, and turned round after.
 */
export function rangeReads(live: LiveThreads, query: ListQuery, cursor?: Cursor): RangeRead[] {
  const backward = cursor?.side === 'before';
  const flags = backward ? [...PIN_FLAGS].reverse() : PIN_FLAGS;
  const direction = (query.order === 'desc') !== backward ? 'DESC' : 'ASC';
  const filters: string[] = [];
  const filterParams: (string | number)[] = [];
  if (query.assistantId !== undefined) {
    filters.push('assistant_id = ?');
    filterParams.push(query.assistantId);
  }
  if (query.visibleInUi !== undefined) {
    filters.push('visible_in_ui = ?');
    filterParams.push(query.visibleInUi ? 1 : 0);
  }
  // Flags read before the cursor's flag lie on the other side of the cursor.
  const first = cursor ? flags.indexOf(cursor.isPinned) : 0;
  return flags.slice(first).map((flag) => {
    const where = ['organization_id = ?', 'generation = ?', 'is_pinned = ?', ...filters];
    const params = [live.organizationId, live.generation, flag, ...filterParams];
    if (cursor && flag === cursor.isPinned) {
      where.push(`(updated_at, id) ${direction === 'DESC' ? '<' : '>'} (?, ?)`);
      params.push(cursor.updatedAt, cursor.id);
    }
    return {
      sql: `SELECT body, id FROM threads WHERE ${where.join(' AND ')} ORDER BY updated_at ${direction}, id ${direction} LIMIT ?`,
      params,
    };
  });
}

/** Reads pages, preparing each distinct range query once. */
export class PageReader {
  private readonly statements = new Map<string, Query<(string | number)[], [body: string, id: string]>>();

  constructor(private readonly db: Db) {}

  read(live: LiveThreads, query: ListQuery, cursor?: Cursor): ListPage {
    const rows: [string, string][] = [];
    for (const range of rangeReads(live, query, cursor)) {
      const wanted = query.limit + 1 - rows.length;
      if (wanted <= 0) break;
      rows.push(...this.statement(range.sql).all(...range.params, wanted));
    }
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    if (cursor?.side === 'before') page.reverse();
    return { threads: page.map((row) => row[0]), ids: page.map((row) => row[1]), hasMore };
  }

  private statement(sql: string) {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = prepare<(string | number)[], [string, string]>(this.db, sql, { returnArrays: true });
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
