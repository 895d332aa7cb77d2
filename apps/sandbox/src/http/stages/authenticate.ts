/** Finds who a request acts for, from any one of the credentials its operation's security schemes accept. */
import type { IncomingMessage } from 'node:http';
import type { CredentialScheme } from '@freddy/spec';
import type { KeyStore, Principal } from '../../auth/keys.js';
import { errors } from '../errors.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The principal of the first accepted credential; 401 when none is given or none is valid. */
export function authenticate(req: IncomingMessage, schemes: readonly CredentialScheme[], keys: KeyStore): Principal {
  let presented = false;
  for (const scheme of schemes) {
    const header = req.headers[scheme.header.toLowerCase()];
    const value = Array.isArray(header) ? header[0] : header;
    if (!value) continue;
    presented = true;
    const credential = scheme.kind === 'bearer' ? BEARER.exec(value)?.[1] : value;
    const principal = credential ? keys.authenticate(credential) : undefined;
    if (principal) return principal;
  }
  throw presented ? errors.invalidCredentials() : errors.missingCredentials();
}
