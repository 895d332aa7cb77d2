import { randomBytes } from 'node:crypto';

// Request ids need to be unique, not secret: a random per-process prefix and a
// counter cost far less per request than a UUID.
const requestIdPrefix = `req_${randomBytes(6).toString('hex')}`;
let requestCounter = 0;

export function nextRequestId(): string {
  requestCounter = (requestCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${requestIdPrefix}${requestCounter.toString(36).padStart(6, '0')}`;
}
