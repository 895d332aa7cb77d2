/**
 * A response body larger than the client's bound is refused, not read whole:
 * a declared `Content-Length` over the bound fails at once, and a body sent
 * without one is counted while it streams.
 */
import { FreddyError } from './errors.js';

export class ResponseTooLargeError extends FreddyError {
  override readonly name: string = 'ResponseTooLargeError';
}

export function refuseOversized(response: Response, maxBytes: number): Response {
  const declared = response.headers.get('content-length');
  if (declared !== null) {
    if (Number(declared) > maxBytes) {
      void response.body?.cancel();
      throw new ResponseTooLargeError(`Response body of ${declared} bytes is over the ${maxBytes}-byte limit`);
    }
    return response;
  }
  if (!response.body) return response;
  let seen = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) {
          controller.error(new ResponseTooLargeError(`Response body is over the ${maxBytes}-byte limit`));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
}
