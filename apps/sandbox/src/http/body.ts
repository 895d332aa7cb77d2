/** Reads a request body as JSON, within the house size limit. */
import type { IncomingMessage } from 'node:http';
import { errors } from './errors.js';

/** The house limit of the contract's `413` response ("larger than 64 KiB"). */
export const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult = { present: false } | { present: true; value: unknown };

export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Resolves with the parsed body, or rejects with the documented ApiError:
 * 413 when too large (checked against Content-Length first, then while
 * reading), 415 when not sent as JSON, 400 when the JSON does not parse.
 */
export function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) {
    return Promise.reject(errors.payloadTooLarge(MAX_BODY_BYTES));
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
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(errors.payloadTooLarge(MAX_BODY_BYTES));
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
      try {
        resolve({ present: true, value: JSON.parse(text) });
      } catch (error) {
        reject(errors.badRequest(`Malformed JSON: ${(error as Error).message}`, 'invalid_json'));
      }
    });
  });
}
