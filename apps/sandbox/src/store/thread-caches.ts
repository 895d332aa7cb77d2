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
/**
 * A list page is kept from its second read on, never on its first: a walk
 * through every page of a large organization reads each page once, and a
 * cache that kept them all (1,000 pages, ~100 MB of a 100,000-thread walk)
 * was copied by every young-generation GC and promoted to the old one:
 * 5–15 ms scavenges and mark-compacts on a quiet machine, several times that
 * on a busy one (`bench/pages.mjs` shows the server's GCs). The keys read
 * once are remembered, up to this many per organization.
 */
const PAGE_KEYS_SEEN_MAX = 1_000;
/**
 * The pages kept per organization, least recently used out first, by the
 * length of their threads' JSON text (each also kept rendered and
 * UTF-8-encoded, about twice as much again).
 */
export const PAGE_CACHE_CHARS = 1_000_000;

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

/** One organization's cached pages and the length of their threads' JSON. */
interface PageCache {
  entries: Map<string, { page: ListPage; chars: number }>;
  chars: number;
}

export class ThreadCaches<Row extends Keyed> {
  /**
   * Each thread's row (with its JSON) as last read or written, so a retrieve
   * need not ask SQLite (a third of its cost in the profile) and an update
   * reads its row from memory.
   */
  private readonly rows = new Map<string, Row>();
  /** List pages already read, per organization and query, least recently used first. */
  private readonly pages = new Map<string, PageCache>();
  /** Per organization, the keys of pages read once since their last keep. */
  private readonly pagesSeenOnce = new Map<string, Set<string>>();
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
    const cache = this.pages.get(organizationId);
    const entry = cache?.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: eviction takes from the front.
    cache!.entries.delete(key);
    cache!.entries.set(key, entry);
    return entry.page;
  }

  /** A page just read from the database: kept if it was read before, else only its key is. */
  rememberPage(organizationId: string, key: string, page: ListPage): void {
    let seen = this.pagesSeenOnce.get(organizationId);
    if (!seen?.delete(key)) {
      if (!seen || seen.size >= PAGE_KEYS_SEEN_MAX) {
        seen = new Set();
        this.pagesSeenOnce.set(organizationId, seen);
      }
      seen.add(key);
      return;
    }
    let chars = 0;
    for (const thread of page.threads) chars += thread.length;
    if (chars > PAGE_CACHE_CHARS) return;
    let cache = this.pages.get(organizationId);
    if (!cache) {
      cache = { entries: new Map(), chars: 0 };
      this.pages.set(organizationId, cache);
    }
    const replaced = cache.entries.get(key);
    if (replaced) {
      cache.chars -= replaced.chars;
      cache.entries.delete(key);
    }
    cache.entries.set(key, { page, chars });
    cache.chars += chars;
    for (const [oldestKey, oldest] of cache.entries) {
      if (cache.chars <= PAGE_CACHE_CHARS) break;
      cache.entries.delete(oldestKey);
      cache.chars -= oldest.chars;
    }
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
    this.pagesSeenOnce.clear();
    this.generations.clear();
  }
}
