/**
 * Reads a request body as JSON within the contract's limits: raw-body reads
 * it (size limit, declared length, decoding), then one pass over the parsed
 * value, without recursion, refuses nesting deeper than the contract allows
 * and strings that are not text.
 */
import type { IncomingMessage } from 'node:http';
import getRawBody, { type RawBodyError } from 'raw-body';
import { errors } from '../errors.js';

export type BodyResult = { present: false } | { present: true; value: unknown };

export interface BodyLimits {
  /** `x-request-body-max-bytes` */
  maxBytes: number;
  /** `x-request-body-max-depth` */
  maxDepth: number;
}

function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  // What nearly every client sends: no split, trim or case change needed.
  if (header === 'application/json') return true;
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Resolves with the parsed body, or rejects with the documented ApiError:
 * 413 when too large (checked against Content-Length first, then while
 * reading), 415 when not sent as JSON, 400 when the JSON does not parse,
 * nests too deeply or holds an unpaired surrogate.
 */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  const contentType = req.headers['content-type'];
  const hasBody = declared !== undefined ? Number(declared) > 0 : req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !isJsonContentType(contentType)) {
    if (declared !== undefined && Number(declared) > limits.maxBytes) throw errors.payloadTooLarge(limits.maxBytes);
    throw errors.unsupportedMediaType();
  }

  let text: string;
  try {
    text = await getRawBody(req, { limit: limits.maxBytes, length: declared, encoding: 'utf-8' });
  } catch (error) {
    const type = (error as RawBodyError).type;
    if (type === 'entity.too.large') throw errors.payloadTooLarge(limits.maxBytes);
    throw errors.badRequest(`Malformed request body: ${(error as Error).message}`, 'invalid_body');
  }
  if (text.trim() === '') return { present: false };
  if (!isJsonContentType(contentType)) throw errors.unsupportedMediaType();

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw errors.badRequest(`Malformed JSON: ${(error as Error).message}`, 'invalid_json');
  }
  const problem = inspect(value, limits.maxDepth);
  if (problem?.kind === 'too-deep') {
    throw errors.badRequest(
      `Malformed JSON: the body nests arrays and objects deeper than ${limits.maxDepth} levels`,
      'body_too_deep',
    );
  }
  if (problem?.kind === 'lone-surrogate') {
    throw errors.badRequest(
      'Malformed JSON: a string holds an unpaired UTF-16 surrogate',
      'invalid_json',
      problem.param,
    );
  }
  return { present: true, value };
}

/** A lone surrogate matches `\p{Cs}` in a `u` regex; a proper pair is one code point and does not. */
const LONE_SURROGATE = /\p{Cs}/u;

type Problem = { kind: 'too-deep' } | { kind: 'lone-surrogate'; param: string | undefined };

/**
 * Walks a parsed value with an explicit stack, so no input depth can exhaust
 * the call stack. JSON may spell an unpaired surrogate (`"\ud800"`), but it is
 * not text: SQLite would store it as U+FFFD, and the stored value would differ
 * from the acknowledged one, so such a body is refused.
 */
function inspect(root: unknown, maxDepth: number): Problem | undefined {
  // Each entry: a value, how many arrays and objects enclose it, and the top-level field it is under.
  const stack: [unknown, number, string | undefined][] = [[root, 0, undefined]];
  while (stack.length > 0) {
    const [value, depth, param] = stack.pop()!;
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return { kind: 'lone-surrogate', param };
    } else if (value !== null && typeof value === 'object') {
      if (depth + 1 > maxDepth) return { kind: 'too-deep' };
      if (Array.isArray(value)) {
        for (const item of value) stack.push([item, depth + 1, param]);
      } else {
        for (const [key, item] of Object.entries(value)) {
          const top = param ?? key;
          if (LONE_SURROGATE.test(key)) return { kind: 'lone-surrogate', param: top };
          stack.push([item, depth + 1, top]);
        }
      }
    }
  }
  return undefined;
}
