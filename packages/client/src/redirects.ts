/**
 * Redirects are not followed: the request carries a credential, and a
 * redirect may point at another origin. A 3xx (or, in a browser, the opaque
 * answer a manual redirect gives) is a clear error instead; it is not retried.
 */
import { FreddyError } from './errors.js';

export class RedirectError extends FreddyError {
  override readonly name: string = 'RedirectError';
}

export function refuseRedirect(response: Response): Response {
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    void response.body?.cancel();
    const to = response.headers.get('location');
    throw new RedirectError(
      `Redirect (${response.status}${to ? ` to ${to}` : ''}) not followed: credentials are never sent to another URL`,
    );
  }
  return response;
}
