/**
 * Threads in SQLite. Every write runs whole in its own savepoint of a
 * group-committed transaction (group-commit.ts), one write after another, so
 * a read-merge-write of metadata can never interleave with another and is
 * answered only once committed.
 */
import { randomBytes } from 'node:crypto';
import type { ErrorObject } from '@freddy/spec';
import type { CreateThreadRequest, Metadata, Thread } from '@freddy/types';
import { type Db, prepare, transaction } from './database.js';
import { GroupCommit } from './group-commit.js';
import { type ListPage, type ListQuery, PageReader } from './list-pages.js';

/** What a thread row holds; `body` is the thread object as JSON text, rewritten with every write. */
export interface ThreadRow {
  id: string;
  organization_id: string;
  user_id: string;
  created_at: number;
  updated_at: number;
  metadata: string;
  assistant_id: string | null;
  title: string | null;
  visible_in_ui: number;
  message_count: number;
  status: Thread['status'];
  is_pinned: number;
  pinned_at: number | null;
  body: string;
}

/** A create request after the contract's defaults are applied. */
export type NewThread = CreateThreadRequest & Required<Pick<CreateThreadRequest, 'visibleInUi'>>;

export interface ThreadChanges {
  metadata?: Metadata;
  title?: string;
  visibleInUi?: boolean;
}

export type { ListPage, ListQuery } from './list-pages.js';

/** A cursor id that names no thread of the caller. */
export class UnknownCursorError extends Error {
  constructor(readonly param: 'after' | 'before') {
    super(`Unknown ${param} cursor`);
  }
}

/**
 * A merge that would leave metadata the contract does not allow. It carries
 * the validator's own finding: a shared validator's `errors` may already
 * describe another request by the time this one is answered.
 */
export class MetadataRejectedError extends Error {
  constructor(readonly problem: ErrorObject | undefined) {
    super('Merged metadata is not valid');
  }
}

/** Says what is wrong with merged metadata, or undefined when it may be stored. */
export type MetadataCheck = (merged: Metadata) => { ok: true } | { ok: false; problem: ErrorObject | undefined };

function newThreadId(): string {
  return `thread_${randomBytes(12).toString('base64url')}`;
}

/** The API's thread object for a row; `metadata` when the caller has the row's metadata parsed already. */
export function toThread(row: Omit<ThreadRow, 'body'>, metadata = JSON.parse(row.metadata) as Metadata): Thread {
  return {
    id: row.id,
    object: 'thread',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    metadata,
    assistantId: row.assistant_id,
    organizationId: row.organization_id,
    userId: row.user_id,
    title: row.title,
    visibleInUi: row.visible_in_ui === 1,
    messageCount: row.message_count,
    status: row.status,
    isPinned: row.is_pinned === 1,
    pinnedAt: row.pinned_at,
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** At most this many thread rows are kept in memory; past it the cache starts afresh. */
const ROW_CACHE_MAX = 10_000;
/** At most this many list pages per organization; past it its pages start afresh. */
const PAGE_CACHE_MAX = 1_000;

export class ThreadStore {
  private readonly select;
  private readonly insert;
  private readonly insertMessage;
  private readonly update;
  private readonly remove;
  private readonly removeAll;
  private readonly setPin;
  /** Every write goes through here: its own savepoint in a group-committed transaction. */
  private readonly writes: GroupCommit;
  private readonly pageReader: PageReader;
  /**
   * Each thread's row (with its JSON) as last read or written, so a retrieve
   * need not ask SQLite (a third of its cost in the profile) and an update
   * reads its row from memory. A write puts its new row here as its last step,
   * after its SQL has run: a write that throws has changed nothing here, a
   * later write of the same group sees it as it sees the database, and if the
   * group's COMMIT fails the whole cache is dropped. Reads never see an
   * uncommitted row, since a group runs and commits in one synchronous turn.
   * It assumes this process is the only one writing threads to the file, as
   * the sandbox is.
   */
  private readonly rows = new Map<string, ThreadRow>();
  /**
   * List pages already read, per organization and query; any write to an
   * organization's threads drops its pages (inside the write, so, as for
   * `rows`, no read sees a page from before a committed write).
   */
  private readonly pages = new Map<string, Map<string, ListPage>>();

  constructor(private readonly db: Db) {
    this.writes = new GroupCommit(db, () => {
      this.rows.clear();
      this.pages.clear();
    });
    this.pageReader = new PageReader(db);
    this.select = prepare<[string, string], ThreadRow>(
      db,
      'SELECT * FROM threads WHERE id = ? AND organization_id = ?',
    );
    // Positional parameters throughout: node:sqlite binds a named one that the
    // object lacks as NULL, where a position cannot be left out.
    this.insert = prepare<
      [string, string, string, number, number, string, string | null, string | null, number, number, string]
    >(
      db,
      `INSERT INTO threads (id, organization_id, user_id, created_at, updated_at, metadata, assistant_id, title,
        visible_in_ui, message_count, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertMessage = prepare<[string, number, string, string, number]>(
      db,
      'INSERT INTO messages (thread_id, position, role, content, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.update = prepare<[string, string | null, number, number, string, string]>(
      db,
      'UPDATE threads SET metadata = ?, title = ?, visible_in_ui = ?, updated_at = ?, body = ? WHERE id = ?',
    );
    this.remove = prepare<[string, string]>(db, 'DELETE FROM threads WHERE id = ? AND organization_id = ?');
    this.removeAll = prepare<[string]>(db, 'DELETE FROM threads WHERE organization_id = ?');
    this.setPin = prepare<[number, number | null, string, string]>(
      db,
      'UPDATE threads SET is_pinned = ?, pinned_at = ?, body = ? WHERE id = ?',
    );
  }

  get(organizationId: string, id: string): Thread | undefined {
    const row = this.select.get(id, organizationId);
    return row ? toThread(row) : undefined;
  }

  /** The thread as JSON text, as stored with its last write. */
  getJson(organizationId: string, id: string): string | undefined {
    return this.row(organizationId, id)?.body;
  }

  /** The caller's thread row, from memory when it has been read or written before. */
  private row(organizationId: string, id: string): ThreadRow | undefined {
    const cached = this.rows.get(id);
    if (cached) return cached.organization_id === organizationId ? cached : undefined;
    const row = this.select.get(id, organizationId);
    if (row) this.remember(row);
    return row;
  }

  private remember(row: ThreadRow): void {
    if (this.rows.size >= ROW_CACHE_MAX) this.rows.clear();
    this.rows.set(row.id, row);
  }

  create(organizationId: string, userId: string, input: NewThread): Promise<Thread> {
    return this.writes.run(() => {
      this.pages.delete(organizationId);
      return this.insertThread(organizationId, userId, input);
    });
  }

  /**
   * A clean slate for one organization, in one transaction: its threads (and
   * their messages) are deleted, then `seed`, if given, is created afresh.
   * Keys and the other organizations are untouched. (The app's reset also
   * forgets the organization's idempotency records.)
   */
  resetOrganization(
    organizationId: string,
    userId: string,
    seed: readonly NewThread[] = [],
  ): { deleted: number; created: number } {
    return transaction(this.db, () => {
      this.rows.clear();
      this.pages.delete(organizationId);
      const deleted = Number(this.removeAll.run(organizationId).changes);
      for (const input of seed) this.insertThread(organizationId, userId, input);
      return { deleted, created: seed.length };
    });
  }

  /** Inserts one thread and its messages; the caller runs it inside a transaction. */
  private insertThread(organizationId: string, userId: string, input: NewThread): Thread {
    const now = nowSeconds();
    const messages = input.messages ?? [];
    const row: Omit<ThreadRow, 'body'> = {
      id: newThreadId(),
      organization_id: organizationId,
      user_id: userId,
      created_at: now,
      updated_at: now,
      metadata: JSON.stringify(input.metadata ?? {}),
      assistant_id: input.assistantId ?? null,
      title: input.title ?? null,
      visible_in_ui: input.visibleInUi ? 1 : 0,
      message_count: messages.length,
      status: 'inactive',
      is_pinned: 0,
      pinned_at: null,
    };
    const thread = toThread(row);
    this.insert.run(
      row.id,
      row.organization_id,
      row.user_id,
      row.created_at,
      row.updated_at,
      row.metadata,
      row.assistant_id,
      row.title,
      row.visible_in_ui,
      row.message_count,
      JSON.stringify(thread),
    );
    messages.forEach((m, position) => {
      this.insertMessage.run(row.id, position, m.role, m.content, now);
    });
    return thread;
  }

  /**
   * Applies a partial update atomically: metadata is merged into what
   * is stored now, and `check` decides whether the merged whole is allowed
   * (nothing is written if it is not). Resolves with the thread's new JSON
   * text (rendered once, for the row and the answer).
   */
  change(
    organizationId: string,
    id: string,
    changes: ThreadChanges,
    check: MetadataCheck,
  ): Promise<string | undefined> {
    return this.writes.run(() => {
      const row = this.row(organizationId, id);
      if (!row) return undefined;
      const metadata = changes.metadata
        ? { ...(JSON.parse(row.metadata) as Metadata), ...changes.metadata }
        : (JSON.parse(row.metadata) as Metadata);
      if (changes.metadata) {
        const verdict = check(metadata);
        if (!verdict.ok) throw new MetadataRejectedError(verdict.problem);
      }
      const next = {
        ...row,
        metadata: JSON.stringify(metadata),
        title: changes.title ?? row.title,
        visible_in_ui: changes.visibleInUi === undefined ? row.visible_in_ui : changes.visibleInUi ? 1 : 0,
        updated_at: nowSeconds(),
      };
      next.body = JSON.stringify(toThread(next, metadata));
      this.pages.delete(organizationId);
      this.update.run(next.metadata, next.title, next.visible_in_ui, next.updated_at, next.body, id);
      this.remember(next);
      return next.body;
    });
  }

  /**
   * Deletes a thread; resolves with `answer()`, computed inside the write (so
   * it can be stored beside it), or undefined when there was no such thread.
   */
  delete<T>(organizationId: string, id: string, answer: () => T): Promise<T | undefined> {
    return this.writes.run(() => {
      if (this.remove.run(id, organizationId).changes !== 1) return undefined;
      this.rows.delete(id);
      this.pages.delete(organizationId);
      return answer();
    });
  }

  /**
   * Pins or unpins; pinning a pinned thread keeps its first `pinned_at`.
   * `updated_at` is not touched. Resolves with `answer(thread)`, computed
   * inside the write, or undefined when there is no such thread.
   */
  pin<T>(organizationId: string, id: string, pinned: boolean, answer: (thread: Thread) => T): Promise<T | undefined> {
    return this.writes.run(() => {
      const row = this.row(organizationId, id);
      if (!row) return undefined;
      if ((row.is_pinned === 1) === pinned) return answer(toThread(row));
      const next = { ...row, is_pinned: pinned ? 1 : 0, pinned_at: pinned ? nowSeconds() : null };
      const thread = toThread(next);
      next.body = JSON.stringify(thread);
      this.pages.delete(organizationId);
      this.setPin.run(next.is_pinned, next.pinned_at, next.body, id);
      this.remember(next);
      return answer(thread);
    });
  }

  /**
   * One page in list order (list-pages.ts): `after` pages forward from a
   * cursor, `before` backward; both come back in list order.
   */
  list(organizationId: string, query: ListQuery): ListPage {
    const key = JSON.stringify([
      query.order,
      query.limit,
      query.assistantId,
      query.visibleInUi,
      query.after,
      query.before,
    ]);
    let cached = this.pages.get(organizationId);
    const hit = cached?.get(key);
    if (hit) return hit;
    const page = this.readPage(organizationId, query);
    if (!cached || cached.size >= PAGE_CACHE_MAX) {
      cached = new Map();
      this.pages.set(organizationId, cached);
    }
    cached.set(key, page);
    return page;
  }

  private readPage(organizationId: string, query: ListQuery): ListPage {
    const side = query.after !== undefined ? 'after' : query.before !== undefined ? 'before' : undefined;
    if (!side) return this.pageReader.read(organizationId, query);
    const cursor = this.select.get(String(query[side]), organizationId);
    if (!cursor) throw new UnknownCursorError(side);
    return this.pageReader.read(organizationId, query, {
      side,
      isPinned: cursor.is_pinned,
      updatedAt: cursor.updated_at,
      id: cursor.id,
    });
  }
}
