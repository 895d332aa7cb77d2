/**
 * Group commit. Writes that arrive in the same turn of the event loop share
 * one transaction, and so one WAL commit: under concurrent load the commit is
 * most of a write's cost. Each write still runs alone in its own savepoint, so
 * one that throws (a refused merge) is rolled back by itself while the others
 * commit; every caller hears back only after COMMIT, so nothing is
 * acknowledged before it is durable. Writes run one after another, in arrival
 * order: the result is always that of one serial order.
 */
import type { StatementSync } from 'node:sqlite';
import type { Db } from './database.js';
import { currentWriteContext, type WriteContext } from './write-context.js';

interface Job {
  work: () => unknown;
  /** What must be written beside this write, in its savepoint. */
  context: WriteContext | undefined;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly begin: StatementSync;
  private readonly commit: StatementSync;
  private readonly rollback: StatementSync;
  private readonly savepoint: StatementSync;
  private readonly release: StatementSync;
  private readonly rollbackTo: StatementSync;

  /**
   * `afterFailedCommit` runs when a group's COMMIT fails and its writes are
   * rolled back; `afterCommit` when one has committed, before its writers hear.
   */
  constructor(
    private readonly db: Db,
    private readonly afterFailedCommit: () => void = () => {},
    private readonly afterCommit: () => void = () => {},
  ) {
    // IMMEDIATE takes the write lock up front: a read-merge-write never has to
    // upgrade, and another process on the same file waits (busy_timeout).
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT one_write');
    this.release = db.prepare('RELEASE one_write');
    this.rollbackTo = db.prepare('ROLLBACK TO one_write');
  }

  /** Runs `work` inside the next group transaction; resolves once that has committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, context: currentWriteContext(), resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.begin.run();
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    for (const job of jobs) {
      this.savepoint.run();
      try {
        const value = job.work();
        job.context?.afterWrite(value);
        this.release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        this.rollbackTo.run();
        this.release.run();
        outcomes.push({ ok: false, value: error });
      }
    }
    try {
      this.commit.run();
    } catch (error) {
      if (this.db.isTransaction) this.rollback.run();
      this.afterFailedCommit();
      for (const job of jobs) job.reject(error);
      return;
    }
    this.afterCommit();
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.value);
    });
  }
}
