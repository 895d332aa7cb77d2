/**
 * The prompts this server offers: the generated ones whose every tool it
 * offers (so `--tools` and `--read-only` narrow them too), and a prompt's
 * message with the arguments a host sent put in.
 */
import { type GetPromptResult, type Prompt, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { promptDefinitions } from '../../generated/prompts.js';
import type { PromptDefinition } from './definition.js';

/** The prompts whose steps call only tools among `tools`, in the guides' order. */
export function offeredPrompts(
  tools: readonly { name: string }[],
  prompts: readonly PromptDefinition[] = promptDefinitions,
): PromptDefinition[] {
  const offered = new Set(tools.map((tool) => tool.name));
  return prompts.filter((prompt) => prompt.tools.every((name) => offered.has(name)));
}

/** What `prompts/list` shows of a prompt: everything but its message and the tools it needs. */
export function listedPrompt({ tools: _, text: __, ...prompt }: PromptDefinition): Prompt {
  return prompt;
}

const PLACEHOLDER = /"\{\{([a-z][a-z0-9_]*)\}\}"/g;

/**
 * `prompts/get`: the prompt's message, each argument's value put in as a JSON string (so no value can
 * break the JSON of a tool call); an optional argument not given stays a `<name>` for the agent to choose.
 * An argument the prompt does not take, or a required one missing or empty, is a JSON-RPC error that names it.
 */
export function promptMessages(prompt: PromptDefinition, args: Record<string, string> = {}): GetPromptResult {
  const takes = prompt.arguments.map((argument) => argument.name);
  const unknown = Object.keys(args).filter((name) => !takes.includes(name));
  if (unknown.length) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      `Prompt ${prompt.name} takes no argument ${unknown.join(', ')}; ${takes.length ? `it takes ${takes.join(', ')}` : 'it takes none'}`,
    );
  }
  const missing = prompt.arguments.filter((argument) => argument.required && !args[argument.name]?.trim());
  if (missing.length) {
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      `Prompt ${prompt.name} needs the argument ${missing.map((argument) => `${argument.name} (${argument.description})`).join(', ')}`,
    );
  }
  const text = prompt.text.replace(PLACEHOLDER, (_, name: string) =>
    args[name] === undefined ? `"<${name}>"` : JSON.stringify(args[name]),
  );
  return { description: prompt.description, messages: [{ role: 'user', content: { type: 'text', text } }] };
}
