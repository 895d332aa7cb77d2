/**
 * The shape of a generated tool (`generated/tools.ts`, written at build time
 * from the contract by `scripts/generate-tools.ts`): what `tools/list` shows
 * for it, and how a call of it reaches the API through `@freddy/client`.
 */
/** A JSON Schema (2020-12) object, self-contained: no `$ref` points outside it. */
export interface ObjectSchema {
  type: 'object';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  [keyword: string]: unknown;
}
export type JsonSchema = Record<string, unknown>;

/** MCP's tool annotations: `readOnlyHint` on a read, the destructive and idempotent hints on a write. */
export type ToolAnnotations =
  | { readOnlyHint: true; openWorldHint: boolean }
  | { destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };

/** Where a tool argument goes in the operation's request: `idempotencyKey` is the write's `Idempotency-Key`. */
export type ArgumentLocation = 'path' | 'query' | 'body' | 'idempotencyKey';

export interface ToolDefinition {
  /** The operation id in snake case, e.g. `pin_thread`. */
  name: string;
  /** The operation's summary. */
  title: string;
  description: string;
  inputSchema: ObjectSchema;
  /** The success response's schema; absent when it has no body. */
  outputSchema?: ObjectSchema;
  annotations: ToolAnnotations;
  /** How a call reaches the API: not part of what `tools/list` shows. */
  call: {
    /** The contract's `operationId`. */
    operationId: string;
    /** Each argument's place in the request. */
    arguments: Record<string, ArgumentLocation>;
    /** Whether the operation takes a JSON body: sent on every call, `{}` when no body argument is given. */
    body: boolean;
  };
}
