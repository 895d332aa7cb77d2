/**
 * A response body larger than the client's bound is refused, not read whole:
 * a declared `Content-Length` over the bound fails at once, and a body sent
 * without one is counted while it streams.
 */
import { FreddyError } from './errors.js';

export class ResponseTooLargeError extends FreddyError {
  override readonly name: string = 'ResponseTooLargeError';
}

export function refuseOversized(response: Response, maxBytes: number): Response | Promise<Response> {
  const declared = response.headers.get('content-length');
  if (declared !== null) {
    if (Number(declared) > maxBytes) {
      void response.body?.cancel();
      throw tooLarge(maxBytes);
    }
    return response;
  }
  return response.body ? readBounded(response, response.body, maxBytes) : response;
}

/** The whole body, read chunk by chunk and given up past `maxBytes`, as a new Response with the same head. */
async function readBounded(response: Response, body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Response> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    seen += read.value.byteLength;
    if (seen > maxBytes) {
      void reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(read.value);
  }
  // One chunk (the usual small JSON answer) is passed on as it is; several are joined by a Blob.
  const bytes = chunks.length === 1 ? chunks[0] : new Blob(chunks as Uint8Array<ArrayBuffer>[]);
  return new Response(bytes as Uint8Array<ArrayBuffer> | Blob | undefined, response);
}

const tooLarge = (maxBytes: number) => new ResponseTooLargeError(`Response body over the ${maxBytes}-byte limit`);
