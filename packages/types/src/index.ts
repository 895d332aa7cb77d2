/**
 * Types of the Freddy Threads API, generated from the bundled contract
 * (`generated/` is written by `pnpm generate` and never edited by hand), plus
 * readable names for the shapes consumers meet most.
 */
import type { components, operations as Operations } from '../generated/openapi.js';

export type { $defs, components, operations, paths, webhooks } from '../generated/openapi.js';
export { clientRoutes, type OperationId, operations as operationTable } from '../generated/operations.js';

type Schemas = components['schemas'];

export type Thread = Schemas['Thread'];
export type ThreadList = Schemas['ThreadList'];
export type DeletedThread = Schemas['DeletedThread'];
export type PinStatus = Schemas['PinStatus'];
export type Metadata = Schemas['Metadata'];
export type MessageInput = Schemas['MessageInput'];

/** The error envelope of the Freddy operations: `{ error: { message, type, code, param? } }`. */
export type ErrorResponse = Schemas['ErrorResponse'];
/** The error envelope of the platform operations (pin, unpin): `{ success: false, error: { … } }`. */
export type PlatformErrorResponse = Schemas['PlatformErrorResponse'];
/** Either error envelope. */
export type AnyErrorResponse = ErrorResponse | PlatformErrorResponse;

export type CreateThreadRequest = Schemas['CreateThreadRequest'];
export type UpdateThreadRequest = Schemas['UpdateThreadRequest'];
export type UpdateThreadMetadataRequest = Schemas['UpdateThreadMetadataRequest'];
/** Query parameters of `GET /threads`. */
export type ListThreadsQuery = NonNullable<Operations['listThreads']['parameters']['query']>;
