/**
 * Redirects are not followed: the request carries a credential, and a
 * redirect may point at another origin. A 3xx (or, in a browser, the opaque
 * answer a manual redirect gives) is a clear error instead; it is not retried.
 */
import { FreddyError } from './errors.js';

export class RedirectError extends FreddyError {
  override readonly name: string = 'RedirectError';
}

/** Called on answers that are not ok only: a 3xx, or a browser's opaque redirect (status 0). */
export function refuseRedirect(response: Response): Response {
  const { status } = response;
  if (status < 400) {
    void response.body?.cancel();
    // Why is in the README: the message ships in every bundle.
    throw new RedirectError(`Redirect ${status} to ${response.headers.get('location')} not followed`);
  }
  return response;
}
