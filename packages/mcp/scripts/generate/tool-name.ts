/** A tool's name: its operation id in snake case (`pinThread` → `pin_thread`). */

// What every MCP host accepts: the protocol allows 128 characters, some hosts only 64.
const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

export function toolName(operationId: string): string {
  const name = operationId.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`).replace(/-/g, '_');
  if (!TOOL_NAME.test(name))
    throw new Error(`${operationId} gives the tool name ${name}, which not every host accepts`);
  return name;
}
