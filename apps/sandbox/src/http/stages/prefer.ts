/**
 * Chosen answers, as Prism gives them: `Prefer: code=404` answers the
 * operation's documented example for that status, `Prefer: example=Name` a
 * named example (both together: that example of that status). The answer is
 * the contract's own example, in the operation's envelope, with the headers
 * its response documents; nothing is read or written. Clients that cannot set
 * headers put the same preferences in the `__sandbox_prefer` query parameter
 * (`?__sandbox_prefer=code=404`). A status or example the operation does not
 * document is a 400 that names the ones it does. Every such answer names its
 * example in `X-Sandbox-Example`.
 */
import type { ContractResponse, NamedExample } from '@freddy/spec';
import type { CompiledOperation } from '../../validation/contract.js';
import { errors, isoSeconds } from '../errors.js';
import type { Exchange, HeaderValues } from '../exchange.js';
import { parsePreferences, takeQueryParameter } from './sandbox-parameters.js';

/** The query parameter that stands in for the `Prefer` header. */
const PREFER_PARAMETER = '__sandbox_prefer';

interface Chosen {
  response: ContractResponse;
  example: NamedExample;
}

/** Answers the request with a documented example when it asks for one; true when it did. */
export type PreferStage = (exchange: Exchange, operation: CompiledOperation) => boolean;

/** The rate limit the synthesized headers describe when the request was not counted (rate limiting off). */
export interface PlanHeaders {
  limit: number;
  windowSeconds: number;
}

export function createPreferStage(plan: PlanHeaders): PreferStage {
  return function answerPreferred(exchange, operation) {
    const header = exchange.req.headers.prefer;
    const fromQuery = takeQueryParameter(exchange, PREFER_PARAMETER);
    if (header === undefined && fromQuery === undefined) return false;
    const preferences = parsePreferences([header, fromQuery].filter((text) => text !== undefined).join(','));
    const code = preferences.get('code');
    const exampleName = preferences.get('example');
    // Other preferences (`return=minimal`, Prism's `dynamic`) are ignored, as RFC 7240 asks.
    if (code === undefined && exampleName === undefined) return false;

    const answer = documentedAnswer(exchange, operation, plan, code, exampleName);
    // The body, if any, is not needed; read and dropped so the connection stays usable.
    exchange.req.resume();
    exchange.send(answer.status, answer.body, answer.headers);
    return true;
  };
}

/** The header that marks an answer as a documented example of the contract, naming it. */
export const EXAMPLE_HEADER = 'x-sandbox-example';

/** A documented example as an answer: its status, its body, and the headers its response documents. */
export interface DocumentedAnswer {
  status: number;
  body: unknown;
  headers: HeaderValues;
}

/**
 * The example of `operation` that `code` and `exampleName` choose (either may
 * be absent: the first documented response, its first example), with every
 * header its response documents and `X-Sandbox-Example` naming it; a status
 * or example the operation does not document is a 400 naming the ones it does.
 */
export function documentedAnswer(
  exchange: Exchange,
  operation: CompiledOperation,
  plan: PlanHeaders,
  code: string | undefined,
  exampleName: string | undefined,
): DocumentedAnswer {
  const chosen = choose(operation, code, exampleName);
  return {
    status: chosen.response.status,
    body: bodyOf(chosen, exchange),
    headers: { ...headersOf(chosen.response, exchange, plan), [EXAMPLE_HEADER]: chosen.example.name },
  };
}

function choose(operation: CompiledOperation, code: string | undefined, exampleName: string | undefined): Chosen {
  const { id, responses } = operation.spec;
  let candidates = responses;
  if (code !== undefined) {
    const response = responses.find((r) => String(r.status) === code);
    if (!response) {
      throw errors.badRequest(
        `Prefer: code=${code} is not a status ${id} documents; it documents ${responses.map((r) => r.status).join(', ')}`,
        'invalid_prefer',
        'Prefer',
      );
    }
    candidates = [response];
  }
  if (exampleName === undefined) {
    const response = candidates[0]!;
    const example = response.examples[0];
    if (!example) {
      throw errors.badRequest(`${id} documents no example for status ${response.status}`, 'invalid_prefer', 'Prefer');
    }
    return { response, example };
  }
  for (const response of candidates) {
    const example = response.examples.find((e) => e.name === exampleName);
    if (example) return { response, example };
  }
  const known = candidates.flatMap((r) => r.examples.map((e) => `${e.name} (${r.status})`));
  throw errors.badRequest(
    `Prefer: example=${exampleName} is not an example ${id} documents${code === undefined ? '' : ` for status ${code}`}; ` +
      `it documents ${known.join(', ')}`,
    'invalid_prefer',
    'Prefer',
  );
}

/** The example as documented; a platform error's `trace_id` and `timestamp` are this answer's own. */
function bodyOf({ response, example }: Chosen, exchange: Exchange): unknown {
  const value = example.value as { success?: unknown; error?: Record<string, unknown> };
  if (response.status >= 400 && value?.success === false && value.error) {
    return { ...value, error: { ...value.error, trace_id: exchange.requestId, timestamp: isoSeconds(Date.now()) } };
  }
  return value;
}

/**
 * Every header the response documents besides `x-request-id` (which every
 * answer has): the rate-limit state this request was counted in when rate
 * limiting is on, else a full window; `Retry-After` until the window resets;
 * anything else from its schema's example.
 */
function headersOf(response: ContractResponse, exchange: Exchange, plan: PlanHeaders): HeaderValues {
  const carried = exchange.carried;
  const now = Math.floor(Date.now() / 1000);
  const limit = Number(carried['x-ratelimit-limit'] ?? plan.limit);
  const reset = Number(carried['x-ratelimit-reset'] ?? now + plan.windowSeconds);
  const out: HeaderValues = {};
  for (const header of response.headers) {
    const name = header.name.toLowerCase();
    if (name === 'x-request-id') continue;
    if (name === 'x-ratelimit-limit') out[name] = limit;
    else if (name === 'x-ratelimit-remaining') {
      out[name] = response.status === 429 ? 0 : Number(carried[name] ?? limit);
    } else if (name === 'x-ratelimit-reset') out[name] = reset;
    else if (name === 'retry-after') out[name] = Math.max(1, reset - now);
    else if (carried[name] !== undefined) out[name] = carried[name];
    else {
      const example = header.schema.examples?.[0];
      if (example !== undefined) out[name] = String(example);
    }
  }
  return out;
}
