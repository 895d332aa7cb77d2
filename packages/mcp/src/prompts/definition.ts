/**
 * The shape of a generated prompt (`generated/prompts.ts`, written at build
 * time from the guides by `scripts/generate-tools.ts`): one per guide of
 * `describeGuides()`, telling an agent which of this server's tools to call,
 * in order, with which arguments, and what to check.
 */
interface PromptArgumentDefinition {
  /** The guide's input name in snake case, e.g. `assistant_id`. */
  name: string;
  description: string;
  required: boolean;
}

export interface PromptDefinition {
  /** The guide's id in snake case, e.g. `keep_a_thread_on_top`. */
  name: string;
  /** The guide's title. */
  title: string;
  /** The guide's summary. */
  description: string;
  /** The guide's inputs a user picks (never the API key, which the server holds). */
  arguments: PromptArgumentDefinition[];
  /** Every tool its steps call, by name: the prompt is offered only where the server offers them all. */
  tools: string[];
  /** The message to the agent. `"{{name}}"` (quotes included) stands for argument `name`'s value as a JSON string. */
  text: string;
}
