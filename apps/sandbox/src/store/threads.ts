/**
 * Threads in SQLite. Every write runs whole in its own savepoint of a
 * group-committed transaction (group-commit.ts), one write after another, so
 * a read-merge-write of metadata can never interleave with another and is
 * answered only once committed.
 */
import { randomBytes } from 'node:crypto';
import type { ErrorObject } from '@freddy/spec';
import type { CreateThreadRequest, Metadata, Thread } from '@freddy/types';
import { Checkpoints } from './checkpoints.js';
import { type Db, prepare, transaction } from './database.js';
import { GroupCommit } from './group-commit.js';
import { type ListPage, type ListQuery, PageReader } from './list-pages.js';
import { RetiredThreads } from './retired-threads.js';
import { ThreadCaches, type WriteEffects } from './thread-caches.js';

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
  /** The organization's thread generation the row belongs to; a reset retires all before the next. */
  generation: number;
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

/**
 * Every column of a thread row, and whether a write after the create may
 * change it. The statements that store a row (new, or changed) are built
 * from this, and TypeScript refuses it if a column of ThreadRow is missing.
 */
const COLUMNS: Record<keyof ThreadRow, 'fixed' | 'changes'> = {
  id: 'fixed',
  organization_id: 'fixed',
  user_id: 'fixed',
  created_at: 'fixed',
  updated_at: 'changes',
  metadata: 'changes',
  assistant_id: 'changes',
  title: 'changes',
  visible_in_ui: 'changes',
  message_count: 'changes',
  status: 'changes',
  is_pinned: 'changes',
  pinned_at: 'changes',
  generation: 'fixed',
  body: 'changes',
};
const COLUMN_NAMES = Object.keys(COLUMNS) as (keyof ThreadRow)[];

const CHANGING_COLUMNS = COLUMN_NAMES.filter((name) => COLUMNS[name] === 'changes');
const INSERT_ROW = `INSERT INTO threads (${COLUMN_NAMES.join(', ')})
  VALUES (${COLUMN_NAMES.map(() => '?').join(', ')})`;
/** Rewrites the changing columns of the row with this id and organization. */
const UPDATE_ROW = `UPDATE threads SET ${CHANGING_COLUMNS.map((name) => `${name} = ?`).join(', ')}
  WHERE id = ? AND organization_id = ?`;

/** A row with its `body`: the thread object as JSON text. */
function withBody(row: Omit<ThreadRow, 'body'>, metadata?: Metadata): ThreadRow {
  return { ...row, body: JSON.stringify(toThread(row, metadata)) };
}

/** What a write may do to one organization's threads; each runs its SQL at once. */
interface Writer {
  /** The organization's live thread generation, that a new row belongs to. */
  generation(): number;
  /** Stores a new row. */
  insert(row: ThreadRow): void;
  /** Stores a changed row (its changing columns). */
  update(row: ThreadRow): void;
  /** Deletes a thread (and its messages); false when the organization has no such thread. */
  remove(id: string): boolean;
  /**
   * Retires all of the organization's threads (retired-threads.ts): from now
   * on it has none; how many it had.
   */
  retireAll(): number;
}

export class ThreadStore {
  private readonly select;
  private readonly insertRow;
  private readonly updateRow;
  private readonly insertMessage;
  private readonly remove;
  private readonly countLive;
  private readonly readGeneration;
  private readonly writeGeneration;
  private readonly retired: RetiredThreads;
  /** Every write goes through here: its own savepoint in a group-committed transaction. */
  private readonly writes: GroupCommit;
  /** The WAL's checkpoints, on a worker thread; none in memory. */
  private readonly checkpoints: Checkpoints | undefined;
  private readonly pageReader: PageReader;
  /**
   * Rows, list pages and generations in memory. Reads fill them; only
   * `commit` changes them after a write, once the write's SQL has run: a
   * write that throws has changed nothing there, and if the group's COMMIT
   * fails they are dropped.
   */
  private readonly caches = new ThreadCaches<ThreadRow>();

  constructor(private readonly db: Db) {
    this.checkpoints = Checkpoints.of(db);
    this.writes = new GroupCommit(
      db,
      () => this.caches.clear(),
      () => this.checkpoints?.afterCommit(),
    );
    this.pageReader = new PageReader(db);
    this.select = prepare<[string, string, number], ThreadRow>(
      db,
      'SELECT * FROM threads WHERE id = ? AND organization_id = ? AND generation = ?',
    );
    // Positional parameters throughout: node:sqlite binds a named one that the
    // object lacks as NULL, where a position cannot be left out.
    this.insertRow = prepare<ThreadRow[keyof ThreadRow][]>(db, INSERT_ROW);
    this.updateRow = prepare<ThreadRow[keyof ThreadRow][]>(db, UPDATE_ROW);
    this.insertMessage = prepare<[string, number, string, string, number]>(
      db,
      'INSERT INTO messages (thread_id, position, role, content, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.remove = prepare<[string, string, number]>(
      db,
      'DELETE FROM threads WHERE id = ? AND organization_id = ? AND generation = ?',
    );
    this.countLive = prepare<[string, number], { n: number }>(
      db,
      'SELECT count(*) AS n FROM threads WHERE organization_id = ? AND generation = ?',
    );
    this.readGeneration = prepare<[string], { thread_generation: number }>(
      db,
      'SELECT thread_generation FROM organizations WHERE id = ?',
    );
    this.writeGeneration = prepare<[number, string]>(db, 'UPDATE organizations SET thread_generation = ? WHERE id = ?');
    this.retired = new RetiredThreads(db, this.writes, this.checkpoints);
  }

  /** Stops the checkpoint worker; call it before closing the database. */
  close(): void {
    this.checkpoints?.close();
  }

  /** The organization's live thread generation. */
  private generation(organizationId: string): number {
    let generation = this.caches.generation(organizationId);
    if (generation === undefined) {
      generation = this.readGeneration.get(organizationId)?.thread_generation ?? 0;
      this.caches.rememberGeneration(organizationId, generation);
    }
    return generation;
  }

  /** Resolves once the threads that resets retired are deleted from the file. */
  retiredThreadsDeleted(): Promise<void> {
    return this.retired.idle();
  }

  get(organizationId: string, id: string): Thread | undefined {
    const row = this.select.get(id, organizationId, this.generation(organizationId));
    return row ? toThread(row) : undefined;
  }

  /** The thread as JSON text, as stored with its last write. */
  getJson(organizationId: string, id: string): string | undefined {
    return this.row(organizationId, id)?.body;
  }

  /** The caller's thread row, from memory when it has been read or written before. */
  private row(organizationId: string, id: string): ThreadRow | undefined {
    const cached = this.caches.row(organizationId, id);
    if (cached) return cached === 'other organization' ? undefined : cached;
    const row = this.select.get(id, organizationId, this.generation(organizationId));
    if (row) this.caches.rememberRow(row);
    return row;
  }

  /**
   * The one commit path: every write to an organization's threads runs here,
   * inside a transaction, through `Writer`; when `work` returns, the caches
   * follow what it wrote.
   */
  private commit<T>(organizationId: string, work: (writer: Writer) => T): T {
    const effects: WriteEffects<ThreadRow> = { organizationId, saved: [], removed: [], generation: undefined };
    let generation = this.generation(organizationId);
    const result = work({
      insert: (row) => {
        this.insertRow.run(...COLUMN_NAMES.map((name) => row[name]));
        effects.saved.push(row);
      },
      update: (row) => {
        this.updateRow.run(...CHANGING_COLUMNS.map((name) => row[name]), row.id, organizationId);
        effects.saved.push(row);
      },
      generation: () => generation,
      remove: (id) => {
        if (this.remove.run(id, organizationId, generation).changes !== 1) return false;
        effects.removed.push(id);
        return true;
      },
      retireAll: () => {
        const live = this.countLive.get(organizationId, generation)!.n;
        generation += 1;
        this.writeGeneration.run(generation, organizationId);
        this.retired.retire(organizationId, generation);
        effects.generation = generation;
        return live;
      },
    });
    this.caches.afterWrite(effects);
    return result;
  }

  /** A write in the next group-committed transaction; resolves once that has committed. */
  private write<T>(organizationId: string, work: (writer: Writer) => T): Promise<T> {
    return this.writes.run(() => this.commit(organizationId, work));
  }

  create(organizationId: string, userId: string, input: NewThread): Promise<Thread> {
    return this.write(organizationId, (writer) => this.insertThread(writer, organizationId, userId, input));
  }

  /**
   * A clean slate for one organization, in one short transaction: its threads
   * (and their messages) are retired, gone for every read and write at once
   * and deleted from the file in batches afterwards (retired-threads.ts), then
   * `seed`, if given, is created afresh.
   * Keys and the other organizations are untouched. (The app's reset also
   * forgets the organization's idempotency records.)
   */
  resetOrganization(
    organizationId: string,
    userId: string,
    seed: readonly NewThread[] = [],
  ): { deleted: number; created: number } {
    try {
      return transaction(this.db, () =>
        this.commit(organizationId, (writer) => {
          const deleted = writer.retireAll();
          for (const input of seed) this.insertThread(writer, organizationId, userId, input);
          return { deleted, created: seed.length };
        }),
      );
    } catch (error) {
      // Rolled back after the caches followed it.
      this.caches.clear();
      throw error;
    }
  }

  /** Inserts one thread and its messages. */
  private insertThread(writer: Writer, organizationId: string, userId: string, input: NewThread): Thread {
    const now = nowSeconds();
    const messages = input.messages ?? [];
    const metadata = input.metadata ?? {};
    const row: Omit<ThreadRow, 'body'> = {
      id: newThreadId(),
      organization_id: organizationId,
      user_id: userId,
      created_at: now,
      updated_at: now,
      metadata: JSON.stringify(metadata),
      assistant_id: input.assistantId ?? null,
      title: input.title ?? null,
      visible_in_ui: input.visibleInUi ? 1 : 0,
      message_count: messages.length,
      status: 'inactive',
      is_pinned: 0,
      pinned_at: null,
      generation: writer.generation(),
    };
    const thread = toThread(row, metadata);
    writer.insert({ ...row, body: JSON.stringify(thread) });
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
    return this.write(organizationId, (writer) => {
      const row = this.row(organizationId, id);
      if (!row) return undefined;
      const metadata = changes.metadata
        ? { ...(JSON.parse(row.metadata) as Metadata), ...changes.metadata }
        : (JSON.parse(row.metadata) as Metadata);
      if (changes.metadata) {
        const verdict = check(metadata);
        if (!verdict.ok) throw new MetadataRejectedError(verdict.problem);
      }
      const next = withBody(
        {
          ...row,
          metadata: JSON.stringify(metadata),
          title: changes.title ?? row.title,
          visible_in_ui: changes.visibleInUi === undefined ? row.visible_in_ui : changes.visibleInUi ? 1 : 0,
          updated_at: nowSeconds(),
        },
        metadata,
      );
      writer.update(next);
      return next.body;
    });
  }

  /**
   * Deletes a thread; resolves with `answer()`, computed inside the write (so
   * it can be stored beside it), or undefined when there was no such thread.
   */
  delete<T>(organizationId: string, id: string, answer: () => T): Promise<T | undefined> {
    return this.write(organizationId, (writer) => (writer.remove(id) ? answer() : undefined));
  }

  /**
   * Pins or unpins; pinning a pinned thread keeps its first `pinned_at`.
   * `updated_at` is not touched. Resolves with `answer(thread)`, computed
   * inside the write, or undefined when there is no such thread.
   */
  pin<T>(organizationId: string, id: string, pinned: boolean, answer: (thread: Thread) => T): Promise<T | undefined> {
    return this.write(organizationId, (writer) => {
      const row = this.row(organizationId, id);
      if (!row) return undefined;
      if ((row.is_pinned === 1) === pinned) return answer(toThread(row));
      const changed = { ...row, is_pinned: pinned ? 1 : 0, pinned_at: pinned ? nowSeconds() : null };
      const thread = toThread(changed);
      writer.update({ ...changed, body: JSON.stringify(thread) });
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
    const hit = this.caches.page(organizationId, key);
    if (hit) return hit;
    const page = this.readPage(organizationId, query);
    this.caches.rememberPage(organizationId, key, page);
    return page;
  }

  private readPage(organizationId: string, query: ListQuery): ListPage {
    const side = query.after !== undefined ? 'after' : query.before !== undefined ? 'before' : undefined;
    const live = { organizationId, generation: this.generation(organizationId) };
    if (!side) return this.pageReader.read(live, query);
    const cursor = this.select.get(String(query[side]), organizationId, this.generation(organizationId));
    if (!cursor) throw new UnknownCursorError(side);
    return this.pageReader.read(live, query, {
      side,
      isPinned: cursor.is_pinned,
      updatedAt: cursor.updated_at,
      id: cursor.id,
    });
  }
}
