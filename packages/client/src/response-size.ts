/**
 * A response body larger than the client's bound is refused, not read whole.
 * A declared `Content-Length` over the bound fails at once; otherwise the
 * bytes are counted as they arrive, because a chunked body has no length and
 * a compressed one declares the length of its compressed bytes. Only a
 * declared length on an uncompressed body the runtime lets us see whole (a
 * browser may hide `Content-Encoding` from a cross-origin answer) is left to
 * the HTTP parser, which enforces it, and to the runtime's quicker `text()`.
 */
import { FreddyError } from './errors.js';

export class ResponseTooLargeError extends FreddyError {
  override readonly name: string = 'ResponseTooLargeError';
}

/** The body as text, within `maxBytes`. A plain reader: piping through a counting stream costs tens of µs a call in Node. */
export async function readBounded(response: Response, maxBytes: number): Promise<string> {
  const { headers, body } = response;
  const declared = headers.get('content-length');
  if (Number(declared) > maxBytes) {
    void body?.cancel();
    throw tooLarge(maxBytes);
  }
  if (!body || (declared && !headers.get('content-encoding') && response.type !== 'cors')) return response.text();
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let seen = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    seen += read.value.byteLength;
    if (seen > maxBytes) {
      void reader.cancel();
      throw tooLarge(maxBytes);
    }
    text += decoder.decode(read.value, { stream: true });
  }
  return text + decoder.decode();
}

/** An error answer with its body already read within the bound, for openapi-fetch to parse. */
export async function boundedError(response: Response, maxBytes: number): Promise<Response> {
  return new Response(await readBounded(response, maxBytes), response);
}

const tooLarge = (maxBytes: number) => new ResponseTooLargeError(`Response body over the ${maxBytes}-byte limit`);
