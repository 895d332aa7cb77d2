/**
 * WAL checkpoints on a worker thread's own connection. SQLite's automatic
 * checkpoint runs inside the COMMIT that crosses its threshold, on the
 * connection that commits: here the event loop, which then answers nobody
 * while the WAL is copied into the database file and synced (100–300 ms
 * during the purge of a large reset, `bench/pages.mjs`). A checkpoint on
 * another connection runs beside the server's reads and writes (a PASSIVE one
 * takes no lock they wait for), so the server's connection turns its own
 * automatic checkpoint down to a backstop (`BACKSTOP_PAGES`) and this one asks
 * the worker for one after writes, at most every `MIN_INTERVAL_MS`, and
 * whenever a long background job (the purge) wants the WAL emptied before it
 * writes more. The worker starts on the first checkpoint asked for: a server
 * that never writes, or one in memory (no WAL), never starts it.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

/** The server connection's own automatic checkpoint, if the worker falls behind: 40 MB of WAL (4 KiB pages). */
export const BACKSTOP_PAGES = 10_000;
/** Checkpoints after writes are at least this far apart: each syncs the database file. */
const MIN_INTERVAL_MS = 200;

/** CommonJS, evaluated by the worker: one connection, one checkpoint per message. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ ok: true, result: checkpoint.get() });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error) });
  }
});
`;

/** What `PRAGMA wal_checkpoint` answers: frames in the WAL, and how many are now in the database file. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export class Checkpoints {
  private worker: Worker | undefined;
  /** Callers of the checkpoint under way, and of the one asked for while it runs. */
  private current: ((result: CheckpointResult | undefined) => void)[] | undefined;
  private next: ((result: CheckpointResult | undefined) => void)[] | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastStarted = Number.NEGATIVE_INFINITY;
  private closed = false;

  /** The checkpoints of `db`'s file; undefined for a database in memory, which has no WAL. */
  static of(db: Db): Checkpoints | undefined {
    const file = db.location();
    return file ? new Checkpoints(file) : undefined;
  }

  private constructor(private readonly file: string) {}

  /** After a commit: a checkpoint soon, between requests, at most every MIN_INTERVAL_MS. */
  afterCommit(): void {
    if (this.timer || this.closed) return;
    const wait = Math.max(0, this.lastStarted + MIN_INTERVAL_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
    this.timer.unref();
  }

  /**
   * A checkpoint of everything committed so far; resolves with SQLite's
   * figures once it is done (undefined if it failed or the store closed).
   */
  run(): Promise<CheckpointResult | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      if (this.current) {
        // The one under way may have started before the caller's last commit.
        this.next ??= [];
        this.next.push(resolve);
        return;
      }
      this.current = [resolve];
      this.start();
    });
  }

  /** Stops the worker; its connection closes after any checkpoint under way. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.worker?.postMessage('close');
    this.worker = undefined;
    for (const resolve of [...(this.current ?? []), ...(this.next ?? [])]) resolve(undefined);
    this.current = this.next = undefined;
  }

  private start(): void {
    this.lastStarted = performance.now();
    this.workerThread().postMessage('checkpoint');
  }

  private workerThread(): Worker {
    if (!this.worker) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file } });
      worker.unref();
      worker.on('message', (message: { ok: boolean; result?: CheckpointResult }) => {
        if (worker !== this.worker) return;
        this.finished(message.ok ? message.result : undefined);
      });
      worker.on('error', () => {
        // The worker died (its database could not be opened, say): the
        // connection's own automatic checkpoint still bounds the WAL.
        if (worker === this.worker) this.worker = undefined;
        this.finished(undefined);
      });
      this.worker = worker;
    }
    return this.worker;
  }

  private finished(result: CheckpointResult | undefined): void {
    const waiting = this.current ?? [];
    this.current = this.next;
    this.next = undefined;
    if (this.current) this.start();
    for (const resolve of waiting) resolve(result);
  }
}
