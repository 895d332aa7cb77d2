/**
 * The Threads API contract: the bundled document, its typed model
 * (`describeContract()`), and the validators compiled from it. Every package
 * reads the contract through here, so the spec stays the only place a type
 * or a limit is written. The guides' model is `@freddy/spec/guides`.
 */
export * from './contract.js';
export * from './document.js';
export * from './path-template.js';
export * from './validation.js';
