/**
 * What ThreadStore keeps in memory: thread rows, list pages and each
 * organization's live thread generation. Only its one
 * commit path (`ThreadStore.commit`) changes them after a write, so a new
 * write cannot forget to. It assumes this process is the only one writing
 * threads to the file, as the sandbox is.
 */
import type { ListPage } from './list-pages.js';

/** At most this many thread rows are kept in memory; past it the cache starts afresh. */
const ROW_CACHE_MAX = 10_000;
/** At most this many list pages per organization; past it its pages start afresh. */
const PAGE_CACHE_MAX = 1_000;

/** A row as the caches need it: its id and organization. */
interface Keyed {
  id: string;
  organization_id: string;
}

/** What one write changed, as its commit reports it. */
export interface WriteEffects<Row extends Keyed> {
  organizationId: string;
  saved: Row[];
  removed: string[];
  /** The organization's new thread generation, when a reset retired its threads. */
  generation: number | undefined;
}

export class ThreadCaches<Row extends Keyed> {
  /**
   * Each thread's row (with its JSON) as last read or written, so a retrieve
   * need not ask SQLite (a third of its cost in the profile) and an update
   * reads its row from memory.
   */
  private readonly rows = new Map<string, Row>();
  /** List pages already read, per organization and query. */
  private readonly pages = new Map<string, Map<string, ListPage>>();
  /** Each organization's live thread generation. */
  private readonly generations = new Map<string, number>();

  generation(organizationId: string): number | undefined {
    return this.generations.get(organizationId);
  }

  rememberGeneration(organizationId: string, generation: number): void {
    this.generations.set(organizationId, generation);
  }

  row(organizationId: string, id: string): Row | 'other organization' | undefined {
    const cached = this.rows.get(id);
    if (!cached) return undefined;
    return cached.organization_id === organizationId ? cached : 'other organization';
  }

  /** A row just read from the database. */
  rememberRow(row: Row): void {
    if (this.rows.size >= ROW_CACHE_MAX) this.rows.clear();
    this.rows.set(row.id, row);
  }

  page(organizationId: string, key: string): ListPage | undefined {
    return this.pages.get(organizationId)?.get(key);
  }

  rememberPage(organizationId: string, key: string, page: ListPage): void {
    let pages = this.pages.get(organizationId);
    if (!pages || pages.size >= PAGE_CACHE_MAX) {
      pages = new Map();
      this.pages.set(organizationId, pages);
    }
    pages.set(key, page);
  }

  /**
   * Brings the caches in step with a write whose SQL has run (and not
   * thrown): the organization's pages go, its written rows replace theirs.
   * Called inside the write's transaction, so a later write of the same
   * group sees them as it sees the database, and no read sees the caches
   * from before a committed write (a group runs and commits in one
   * synchronous turn).
   */
  afterWrite(effects: WriteEffects<Row>): void {
    this.pages.delete(effects.organizationId);
    if (effects.generation !== undefined) {
      this.generations.set(effects.organizationId, effects.generation);
      this.rows.clear();
    }
    for (const id of effects.removed) this.rows.delete(id);
    for (const row of effects.saved) this.rememberRow(row);
  }

  /** After a failed COMMIT, when nothing in memory can be trusted. */
  clear(): void {
    this.rows.clear();
    this.pages.clear();
    this.generations.clear();
  }
}
