/**
 * Something that must be written in the same transaction as a request's
 * write: the pipeline sets it while it calls an operation's handler, and the
 * write the handler starts (synchronously, before any await) carries it into
 * its savepoint of the group commit.
 */
export interface WriteContext {
  /** Runs inside the write's savepoint with what the write returned; throwing rolls the write back. */
  afterWrite(result: unknown): void;
}

let current: WriteContext | undefined;

/** Calls `start` with `context` as the context of every write it starts synchronously. */
export function withWriteContext<T>(context: WriteContext | undefined, start: () => T): T {
  const previous = current;
  current = context;
  try {
    return start();
  } finally {
    current = previous;
  }
}

/** The context of the write being started now, if any. */
export function currentWriteContext(): WriteContext | undefined {
  return current;
}
