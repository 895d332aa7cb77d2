/**
 * `@freddy/sandbox`: the reference server of the Freddy Threads API, the
 * bundled contract running on an embedded SQLite database.
 */

/** The docs site's files as the reference server sends them (prebuilt brotli/gzip by Accept-Encoding, ETag, no-cache): the docs' own static server uses it too. */
export { serveDocsFiles } from './http/stages/docs-files.js';
export type { KeyOptions, ResetResult, Sandbox, SandboxCredential, SandboxOptions } from './options.js';
export { startSandbox } from './sandbox.js';
