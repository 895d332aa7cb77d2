/**
 * Types of the Freddy Threads API, generated from the bundled contract
 * (`generated/` is written by `pnpm generate` and never edited by hand), plus
 * readable names for the shapes consumers meet most.
 */
import type { components } from '../generated/openapi.js';

/** What each operation answers, takes as its body and as its query, by name (`Thread`, `ListThreadsQuery`). */
export type * from '../generated/names.js';
export type { $defs, components, operations, paths, webhooks } from '../generated/openapi.js';
export { clientRoutes, type OperationId, operations as operationTable } from '../generated/operations.js';

type Schemas = components['schemas'];

export type Metadata = Schemas['Metadata'];
export type MessageInput = Schemas['MessageInput'];

/** The error envelope of the Freddy operations: `{ error: { message, type, code, param? } }`. */
export type ErrorResponse = Schemas['ErrorResponse'];
/** The error envelope of the platform operations (pin, unpin): `{ success: false, error: { … } }`. */
export type PlatformErrorResponse = Schemas['PlatformErrorResponse'];
/** Either error envelope. */
export type AnyErrorResponse = ErrorResponse | PlatformErrorResponse;
