/** Reads a request body as JSON, within the contract's size limit. */
import type { IncomingMessage } from 'node:http';
import { errors } from '../errors.js';

export type BodyResult = { present: false } | { present: true; value: unknown };

function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Resolves with the parsed body, or rejects with the documented ApiError:
 * 413 when too large (checked against Content-Length first, then while
 * reading), 415 when not sent as JSON, 400 when the JSON does not parse.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    return Promise.reject(errors.payloadTooLarge(maxBytes));
  }
  const contentType = req.headers['content-type'];
  const hasBody = declared !== undefined ? Number(declared) > 0 : req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !isJsonContentType(contentType)) return Promise.reject(errors.unsupportedMediaType());

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(errors.payloadTooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        resolve({ present: false });
        return;
      }
      if (!isJsonContentType(contentType)) {
        reject(errors.unsupportedMediaType());
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        reject(errors.badRequest(`Malformed JSON: ${(error as Error).message}`, 'invalid_json'));
        return;
      }
      const illFormed = findLoneSurrogate(value);
      if (illFormed) {
        reject(
          errors.badRequest(
            'Malformed JSON: a string holds an unpaired UTF-16 surrogate',
            'invalid_json',
            illFormed.param,
          ),
        );
        return;
      }
      resolve({ present: true, value });
    });
  });
}

/** A lone surrogate matches `\p{Cs}` in a `u` regex; a proper pair is one code point and does not. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * JSON may spell an unpaired surrogate (`"\ud800"`), but it is not text:
 * SQLite would store it as U+FFFD, and the stored value would differ from the
 * acknowledged one. Such bodies are refused as malformed.
 */
function findLoneSurrogate(value: unknown, param?: string): { param: string | undefined } | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? { param } : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findLoneSurrogate(item, param);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const top = param ?? key;
      if (LONE_SURROGATE.test(key)) return { param: top };
      const found = findLoneSurrogate(item, top);
      if (found) return found;
    }
  }
  return undefined;
}
