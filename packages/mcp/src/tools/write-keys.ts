/**
 * The `Idempotency-Key` of each write whose outcome is not known yet: still
 * running, or ended without an answer (connection lost, timeout, a 5xx, the
 * host's cancel). When the same credential makes the identical call again
 * (same tool, same arguments) within the key's lifetime, the call reuses that
 * key, so the API does the write at most once however often an agent
 * repeats it. A write that got its answer is forgotten: the same call after
 * it is a new write, as the agent asked. Kept in memory, per process, and
 * bounded; a credential is kept only as a hash.
 */
import { createHash } from 'node:crypto';

/**
 * How long a key is reused: an hour, well inside the 24 hours the API keeps a
 * key's answer, so a reused key always meets the stored answer, never a key
 * the API has forgotten (which would run the write again).
 */
export const WRITE_KEY_LIFETIME_MS = 60 * 60 * 1000;
/** Enough for every write a busy server leaves unknown in an hour; the oldest go first past it. */
const MAX_KEYS = 10_000;

/** The keys of one credential's writes. */
export interface WriteKeys {
  /** The key of an identical call whose outcome is not known, if one is remembered. */
  find(tool: string, args: Record<string, unknown>): string | undefined;
  /** Remember `key` for this call until `settled`. */
  remember(tool: string, args: Record<string, unknown>, key: string): void;
  /** The call got its answer: forget its key. */
  settled(tool: string, args: Record<string, unknown>): void;
}

export class WriteKeyMemory {
  readonly #keys = new Map<string, { key: string; expires: number }>();

  constructor(
    readonly lifetimeMs = WRITE_KEY_LIFETIME_MS,
    readonly now: () => number = Date.now,
  ) {}

  /** The keys of the writes made with `credential`. */
  for(credential: string): WriteKeys {
    const scope = createHash('sha256').update(credential).digest('base64url');
    const id = (tool: string, args: Record<string, unknown>) => `${scope} ${tool} ${canonicalJson(args)}`;
    return {
      find: (tool, args) => {
        const entry = this.#keys.get(id(tool, args));
        if (!entry) return undefined;
        if (entry.expires > this.now()) return entry.key;
        this.#keys.delete(id(tool, args));
        return undefined;
      },
      remember: (tool, args, key) => {
        const at = id(tool, args);
        // The lifetime runs from the key's first use: the API's 24 hours do too.
        const kept = this.#keys.get(at);
        const expires = kept?.key === key ? kept.expires : this.now() + this.lifetimeMs;
        this.#keys.delete(at);
        this.#keys.set(at, { key, expires });
        if (this.#keys.size > MAX_KEYS) this.#keys.delete(this.#keys.keys().next().value!);
      },
      settled: (tool, args) => {
        this.#keys.delete(id(tool, args));
      },
    };
  }
}

/** JSON with every object's keys in order, so two spellings of the same arguments are one call. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
