/**
 * Faults on demand, for testing how a client copes: the `X-Sandbox-Fault`
 * request header (or the `__sandbox_fault` query parameter) names one or
 * more, comma-separated, and a server-wide rate injects them into a share of
 * all requests for chaos runs, from a seeded generator so a run can be
 * repeated. Nothing is injected unless asked for.
 *
 * - `latency=MS`: the answer (whatever it is) is sent MS milliseconds late.
 * - `reset`: the connection is dropped (TCP RST) without an answer; nothing is done.
 * - `error-after-commit`: the operation runs and its write commits, then the
 *   answer is the documented 500: the case idempotency keys exist for.
 * - `timeout`: no answer at all, until the client gives up (or the sandbox closes).
 */
import type { Socket } from 'node:net';
import { errors } from '../errors.js';
import type { Exchange } from '../exchange.js';
import { parsePreferences, takeQueryParameter } from './sandbox-parameters.js';

const FAULT_HEADER = 'x-sandbox-fault';
const FAULT_PARAMETER = '__sandbox_fault';
/** The longest `latency` a request may ask for. */
const MAX_LATENCY_MS = 120_000;

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'reset' }
  | { kind: 'error-after-commit' }
  | { kind: 'timeout' };

/** A share of requests that get a fault, picked from `faults`, by a generator seeded with `seed`. */
export interface ChaosPlan {
  rate: number;
  seed: number;
  faults: Fault[];
}

/** Reads a fault list (`latency=200, error-after-commit`); throws an Error saying what is wrong. */
export function parseFaults(text: string): Fault[] {
  const faults: Fault[] = [];
  for (const [name, value] of parsePreferences(text)) {
    if (name === 'latency') {
      const ms = Number(value);
      if (value === '' || !Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS) {
        throw new Error(`latency needs a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}, not "${value}"`);
      }
      faults.push({ kind: 'latency', ms });
    } else if (name === 'reset' || name === 'error-after-commit' || name === 'timeout') {
      faults.push({ kind: name });
    } else {
      throw new Error(`unknown fault "${name}"; the faults are latency=MS, reset, error-after-commit and timeout`);
    }
  }
  if (faults.length === 0)
    throw new Error('no fault named; the faults are latency=MS, reset, error-after-commit and timeout');
  return faults;
}

export interface FaultStage {
  /** Applies the request's faults; true when a fault has taken the request over (reset, timeout). */
  apply(exchange: Exchange): boolean;
  /** Drops the connections held by `timeout`, so the server can close at once. */
  dropHeld(): void;
}

export function createFaultStage(chaos: ChaosPlan | undefined): FaultStage {
  const random = chaos ? mulberry32(chaos.seed) : undefined;
  const held = new Set<Socket>();

  const requested = (exchange: Exchange): Fault[] | undefined => {
    const header = exchange.req.headers[FAULT_HEADER];
    const fromQuery = takeQueryParameter(exchange, FAULT_PARAMETER);
    const text = [header, fromQuery].filter((value) => value !== undefined).join(',');
    if (text !== '') {
      try {
        return parseFaults(text);
      } catch (error) {
        throw errors.badRequest(`X-Sandbox-Fault: ${(error as Error).message}`, 'invalid_fault', 'X-Sandbox-Fault');
      }
    }
    if (chaos && random && random() < chaos.rate) return [chaos.faults[Math.floor(random() * chaos.faults.length)]!];
    return undefined;
  };

  return {
    apply(exchange) {
      const faults = requested(exchange);
      if (!faults) return false;
      exchange.log.fault = faults.map((f) => (f.kind === 'latency' ? `latency=${f.ms}` : f.kind)).join(',');
      for (const fault of faults) {
        if (fault.kind === 'reset') {
          exchange.req.socket.resetAndDestroy();
          return true;
        }
        if (fault.kind === 'timeout') {
          // The body is read (so node's request timeout does not answer 408), the answer never comes.
          exchange.req.resume();
          const socket = exchange.req.socket;
          held.add(socket);
          socket.once('close', () => held.delete(socket));
          return true;
        }
        if (fault.kind === 'latency') exchange.answerDelayMs = fault.ms;
        else exchange.failAfterCommit = true;
      }
      return false;
    },
    dropHeld() {
      for (const socket of held) socket.destroy();
      held.clear();
    },
  };
}

/** A small seeded generator (mulberry32): the same seed gives the same faults in the same order. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
