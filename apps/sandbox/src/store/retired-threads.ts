/**
 * Deleting the threads a reset retired. A reset moves the organization to its
 * next thread generation in one short transaction; from then on every read
 * and write sees only the new generation. The retired rows are deleted here
 * afterwards, PURGE_BATCH at a time, each batch a write of its own in the
 * group commit, so the server answers other requests between batches (one
 * DELETE of 100,000 threads held it for seconds), and it waits for a WAL
 * checkpoint every BATCHES_PER_CHECKPOINT batches, so the WAL holds at most
 * those (that DELETE wrote a WAL as large as the database). A server stopped
 * half-way leaves retired rows, invisible, that the next start deletes.
 */
import type { Checkpoints } from './checkpoints.js';
import { type Db, prepare } from './database.js';
import type { GroupCommit } from './group-commit.js';

/** Threads deleted per write: a few milliseconds of work. */
export const PURGE_BATCH = 200;
/**
 * Batches between the purge's checkpoints: it waits for each, so the WAL
 * holds at most this many batches of it (checkpoints.ts), a few MB.
 */
export const BATCHES_PER_CHECKPOINT = 10;

export class RetiredThreads {
  private readonly deleteBatch;
  /** Per organization being purged, the generation whose predecessors go. */
  private readonly targets = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    db: Db,
    private readonly writes: GroupCommit,
    private readonly checkpoints: Checkpoints | undefined,
  ) {
    this.deleteBatch = prepare<[string, number, number]>(
      db,
      `DELETE FROM threads WHERE rowid IN
        (SELECT rowid FROM threads WHERE organization_id = ? AND generation < ? LIMIT ?)`,
    );
    const leftovers = prepare<[], { id: string; thread_generation: number }>(
      db,
      `SELECT id, thread_generation FROM organizations WHERE EXISTS
        (SELECT 1 FROM threads WHERE organization_id = organizations.id AND generation < thread_generation)`,
    ).all();
    for (const { id, thread_generation } of leftovers) this.schedule(id, thread_generation);
  }

  /**
   * Deletes the organization's threads of generations before `generation`:
   * a first batch now, in the caller's transaction (all of them, for a small
   * organization), the rest in later writes.
   */
  retire(organizationId: string, generation: number): void {
    if (this.deleteSome(organizationId, generation) === PURGE_BATCH) this.schedule(organizationId, generation);
  }

  /** Resolves once no retired thread is left to delete (or a purge stopped on an error). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private deleteSome(organizationId: string, generation: number): number {
    return Number(this.deleteBatch.run(organizationId, generation, PURGE_BATCH).changes);
  }

  private schedule(organizationId: string, generation: number): void {
    const already = this.targets.has(organizationId);
    this.targets.set(organizationId, generation);
    if (already) return;
    const run = this.purge(organizationId).finally(() => {
      this.targets.delete(organizationId);
      this.running.delete(run);
    });
    this.running.add(run);
  }

  private async purge(organizationId: string): Promise<void> {
    try {
      for (let batches = 1; ; batches++) {
        const generation = this.targets.get(organizationId)!;
        const deleted = await this.writes.run(() => this.deleteSome(organizationId, generation));
        if (deleted < PURGE_BATCH && this.targets.get(organizationId) === generation) return;
        if (batches % BATCHES_PER_CHECKPOINT === 0) await this.checkpoints?.run();
      }
    } catch {
      // The database closed, or stayed locked: the retired rows stay invisible,
      // and the next reset of this organization, or the next start, deletes them.
    }
  }
}
