/**
 * The sandbox's own endpoints under `/_sandbox/`, outside the public
 * contract (documented in the sandbox's README), answered before routing:
 *
 * - `GET /_sandbox/health`: 200 with the sandbox's and the contract's version and its uptime.
 * - `POST /_sandbox/reset`: a clean slate for the caller's organization (its
 *   threads, idempotency records and rate-limit windows; keys stay), then the
 *   `--seed` threads again. It takes a key like any operation; a read-only key
 *   gets the 403.
 */
import type { CredentialScheme } from '@freddy/spec';
import type { KeyStore, Principal } from '../../auth/keys.js';
import type { ResetResult } from '../../options.js';
import { errors } from '../errors.js';
import type { Exchange } from '../exchange.js';
import { authenticate } from './authenticate.js';
import { authorize } from './authorize.js';

const CONTROL_PREFIX = '/_sandbox/';

export interface SandboxControls {
  version: string;
  contractVersion: string;
  /** `performance.now()` when the sandbox started. */
  startedAt: number;
  /** Every credential scheme the contract has: any of them may call the control endpoints. */
  schemes: readonly CredentialScheme[];
  keys: KeyStore;
  reset(principal: Principal): ResetResult;
}

/** True when the request was for a control endpoint (and has been answered). */
export function serveControl(exchange: Exchange, controls: SandboxControls): boolean {
  const { path, method } = exchange;
  if (!path.startsWith(CONTROL_PREFIX)) return false;
  const name = path.slice(CONTROL_PREFIX.length);
  if (name === 'health') {
    if (method !== 'GET') throw errors.methodNotAllowed(method, path, ['GET']);
    exchange.send(200, {
      status: 'ok',
      version: controls.version,
      contractVersion: controls.contractVersion,
      uptimeSeconds: Math.round(performance.now() - controls.startedAt) / 1000,
    });
    return true;
  }
  if (name === 'reset') {
    if (method !== 'POST') throw errors.methodNotAllowed(method, path, ['POST']);
    const principal = authenticate(exchange.req, controls.schemes, controls.schemes, controls.keys);
    exchange.log.organizationId = principal.organizationId;
    authorize(principal, method);
    exchange.req.resume();
    const result = controls.reset(principal);
    exchange.send(200, { object: 'sandbox.reset', organizationId: principal.organizationId, ...result });
    return true;
  }
  throw errors.routeNotFound(method, path);
}
