/**
 * `Idempotency-Key` on writes, as the contract documents it (after Stripe):
 * the first request with a key runs and its answer is stored in the same
 * transaction as its write; a later one with the same key and the same
 * request gets that answer again, with `Idempotent-Replayed: true`, and
 * writes nothing; the same key with another request is a 400; a request sent
 * while the first with its key still runs is a 409. Keys are per
 * organization and kept 24 hours. Requests refused before the operation runs
 * never get here, so they are not stored.
 */
import { createHash } from 'node:crypto';
import { RawJson } from '../../operations/handler.js';
import type { IdempotencyRecords } from '../../store/idempotency.js';
import type { WriteContext } from '../../store/write-context.js';
import { errors } from '../errors.js';
import type { Exchange, HeaderValues } from '../exchange.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * Where a request's answer is stored: beside its write, in the write's
 * transaction (a handler that writes through the store); else on its own
 * once it is answered (a handler that writes nothing there, an example).
 * Once per request, whichever comes first.
 */
export interface IdempotentWrite extends WriteContext {
  saveAnswer(answer: unknown): void;
}

/** What the operation answers on success: the status stored with the answer, and what a replay adds to it. */
export interface SuccessAnswer {
  status: number;
  replayHeaders?: HeaderValues;
}

export class Idempotency {
  /** Keys whose first request is still running, per organization. */
  private readonly running = new Set<string>();

  constructor(private readonly records: IdempotencyRecords) {}

  /**
   * Answers a repeated request from its record (or refuses it) and returns
   * undefined; otherwise returns the context that stores this request's
   * answer beside its write.
   */
  begin(
    exchange: Exchange,
    organizationId: string,
    key: string,
    request: unknown,
    success: SuccessAnswer,
  ): IdempotentWrite | undefined {
    const fingerprint = createHash('sha256')
      .update(`${exchange.method} ${exchange.path}\n${JSON.stringify(request ?? null)}`)
      .digest('base64url');
    const slot = `${organizationId}\u0000${key}`;
    if (this.running.has(slot)) throw errors.idempotencyInProgress(key);
    const stored = this.records.find(organizationId, key);
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw errors.idempotencyKeyReused(key);
      exchange.send(stored.status, new RawJson(stored.body), {
        ...exchange.carried,
        ...success.replayHeaders,
        [REPLAYED_HEADER]: 'true',
      });
      return undefined;
    }
    this.running.add(slot);
    exchange.res.once('close', () => this.running.delete(slot));
    let saved = false;
    const saveAnswer = (answer: unknown) => {
      if (saved) return;
      saved = true;
      const body =
        answer instanceof RawJson ? answer.text : typeof answer === 'string' ? answer : JSON.stringify(answer);
      this.records.save(organizationId, key, { fingerprint, status: success.status, body });
    };
    return {
      // A write that found nothing to change (no such thread) returns undefined: nothing is stored.
      // One that rendered its answer already (an update) returns the JSON text itself.
      afterWrite: (answer) => {
        if (answer !== undefined) saveAnswer(answer);
      },
      saveAnswer,
    };
  }
}
