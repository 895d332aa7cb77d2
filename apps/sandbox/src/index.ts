/**
 * `@freddy/sandbox`: the reference server of the Freddy Threads API, the
 * bundled contract running on an embedded SQLite database.
 */
export type { KeyOptions, ResetResult, Sandbox, SandboxCredential, SandboxOptions } from './options.js';
export { startSandbox } from './sandbox.js';
