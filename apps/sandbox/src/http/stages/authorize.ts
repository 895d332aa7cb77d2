/** What a key may do: a read-only key may list and retrieve; every other operation is the documented 403. */
import type { Principal } from '../../auth/keys.js';
import { errors } from '../errors.js';

/** Throws the 403 when a read-only key asks for anything but a read (a GET). */
export function authorize(principal: Principal, method: string): void {
  if (principal.readOnly && method !== 'GET') throw errors.readOnlyKey();
}
