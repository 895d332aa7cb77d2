/**
 * The tool name the issue asks for, an operation id in snake case, written here apart from the
 * generator's own rule (scripts/generate/tool-name.ts), so that a change of that rule shows.
 */
export const snake = (id: string) => id.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
