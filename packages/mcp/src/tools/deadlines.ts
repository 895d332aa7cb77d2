/**
 * The calls' deadlines. Calls given the same deadline length expire in the
 * order they began, so one timer, set for the oldest, serves them all: a
 * timer of its own per call cost a measurable part of one (Node makes and
 * drops a timer list for a length no other timer has, 3–13 µs a call on
 * the development machine; `bench/where-the-time-goes.mjs`).
 */
interface Pending {
  at: number;
  expire: () => void;
}

class DeadlineQueue {
  /** In the order the calls began, which is the order they expire in. */
  readonly #pending = new Set<Pending>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly ms: number) {}

  /** Calls `expire` once `ms` have passed, unless the returned function is called first. */
  start(expire: () => void): () => void {
    const entry = { at: performance.now() + this.ms, expire };
    this.#pending.add(entry);
    if (!this.#timer) this.#arm(this.ms);
    return () => {
      this.#pending.delete(entry);
    };
  }

  #arm(ms: number): void {
    // The calls' own sockets keep the process alive; a deadline left set after its call must not.
    this.#timer = setTimeout(() => this.#fire(), ms).unref();
  }

  #fire(): void {
    this.#timer = undefined;
    const now = performance.now();
    for (const entry of this.#pending) {
      if (entry.at > now) {
        this.#arm(entry.at - now);
        return;
      }
      this.#pending.delete(entry);
      entry.expire();
    }
  }
}

const queues = new Map<number, DeadlineQueue>();

/** Calls `expire` after `ms`, unless the returned function is called first. */
export function startDeadline(ms: number, expire: () => void): () => void {
  let queue = queues.get(ms);
  if (!queue) {
    queue = new DeadlineQueue(ms);
    queues.set(ms, queue);
  }
  return queue.start(expire);
}
