/**
 * A tool's annotations, from the contract. MCP's defaults assume the worst
 * (a tool writes, may destroy, and reaches an open world), so every hint that
 * means something for the tool is stated: a read says it is read-only (the
 * destructive and idempotent hints mean nothing beside that); a write says
 * whether it destroys and whether it is idempotent.
 */
import type { ContractOperation } from '@freddy/spec';
import type { ToolAnnotations } from '../../src/tools/definition.js';

export function toolAnnotations(operation: ContractOperation): ToolAnnotations {
  // Every operation acts on the caller's own threads at the contract's servers: a closed world, like a
  // memory tool's, not the open one of a web search.
  const openWorldHint = false;
  if (operation.method === 'GET' || operation.method === 'HEAD') return { readOnlyHint: true, openWorldHint };
  return {
    // Destructive means a resource may be gone afterwards: a DELETE. Updates change fields in place.
    destructiveHint: operation.method === 'DELETE',
    // By its method, or `x-idempotent: true` in the contract (update, update metadata, pin, unpin).
    idempotentHint: operation.idempotent,
    openWorldHint,
  };
}
