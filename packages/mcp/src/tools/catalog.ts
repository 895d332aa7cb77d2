/**
 * The tools this server offers: the generated ones, narrowed by the safety
 * switches (`--read-only`, `--tools a,b`).
 */
import { toolDefinitions } from '../../generated/tools.js';
import type { ToolDefinition } from './definition.js';

export { toolDefinitions };

export interface ToolSelection {
  /** Only the tools that change nothing. */
  readOnly?: boolean;
  /** Only these tools, by name. */
  names?: readonly string[];
}

/** A selection that names a tool there is not, or asks for a write while read-only. */
export class ToolSelectionError extends Error {
  override readonly name = 'ToolSelectionError';
}

function isReadOnly(tool: ToolDefinition): boolean {
  return 'readOnlyHint' in tool.annotations && tool.annotations.readOnlyHint;
}

/** The selected tools, in the contract's order. */
export function selectTools(
  selection: ToolSelection = {},
  tools: readonly ToolDefinition[] = toolDefinitions,
): ToolDefinition[] {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const names = selection.names;
  if (names) {
    const unknown = names.filter((name) => !byName.has(name));
    if (unknown.length) {
      throw new ToolSelectionError(
        `no tool named ${unknown.join(', ')}; the tools are ${tools.map((tool) => tool.name).join(', ')}`,
      );
    }
    if (names.length === 0) throw new ToolSelectionError('--tools names no tool');
  }
  if (selection.readOnly && names) {
    const writes = names.filter((name) => !isReadOnly(byName.get(name)!));
    if (writes.length)
      throw new ToolSelectionError(`--read-only leaves out ${writes.join(', ')}, which --tools asks for`);
  }
  return tools.filter((tool) => (!names || names.includes(tool.name)) && (!selection.readOnly || isReadOnly(tool)));
}
