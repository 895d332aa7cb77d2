/** Finds who a request acts for, from the one credential it carries. */
import type { IncomingMessage } from 'node:http';
import type { CredentialScheme } from '@freddy/spec';
import type { KeyStore, Principal } from '../../auth/keys.js';
import { errors } from '../errors.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** What one credential header holds: the key, or undefined when the header is not in its scheme's form. */
interface Presented {
  scheme: CredentialScheme;
  credential: string | undefined;
}

/**
 * The principal of the request's credential; 400 when it carries two that
 * disagree, 401 when none is given or the one given is not valid.
 *
 * `documentSchemes` are every scheme the contract declares: a second
 * credential is refused on every operation, including one whose own
 * `security` does not read that header, since the caller cannot have meant
 * both. The same key in both headers is one credential.
 */
export function authenticate(
  req: IncomingMessage,
  schemes: readonly CredentialScheme[],
  documentSchemes: readonly CredentialScheme[],
  keys: KeyStore,
): Principal {
  const presented = presentedCredentials(req, documentSchemes);
  const [first, ...others] = presented;
  // Compared as the caller sent them: nothing here is secret from the caller, and the answer names neither.
  if (first && others.some((other) => other.credential === undefined || other.credential !== first.credential)) {
    throw errors.conflictingCredentials();
  }
  const accepted = presented.find((p) => schemes.some((scheme) => scheme.name === p.scheme.name));
  if (!accepted) throw errors.missingCredentials();
  const principal = accepted.credential === undefined ? undefined : keys.authenticate(accepted.credential);
  if (!principal) throw errors.invalidCredentials();
  return principal;
}

/** Each declared credential header the request carries (an empty one counts as absent). */
function presentedCredentials(req: IncomingMessage, schemes: readonly CredentialScheme[]): Presented[] {
  const presented: Presented[] = [];
  for (const scheme of schemes) {
    const header = req.headers[scheme.header.toLowerCase()];
    const value = Array.isArray(header) ? header[0] : header;
    if (!value) continue;
    presented.push({ scheme, credential: scheme.kind === 'bearer' ? BEARER.exec(value)?.[1] : value });
  }
  return presented;
}
