/**
 * One prompt per guide of `describeGuides()`: its name, title, summary and
 * inputs, and a message that walks an agent through the guide's steps with
 * this server's tools. Nothing about a guide is written here; a new guide
 * file is a new prompt.
 */
import type { Guide } from '@freddy/spec/guides';
import type { PromptDefinition } from '../../src/prompts/definition.js';
import type { ToolDefinition } from '../../src/tools/definition.js';
import { type StepCall, stepCall } from './prompt-steps.js';
import { toolName } from './tool-name.js';

export function promptDefinitions(guides: readonly Guide[], tools: readonly ToolDefinition[]): PromptDefinition[] {
  const prompts = guides.map((guide) => promptDefinition(guide, tools));
  if (new Set(prompts.map((prompt) => prompt.name)).size !== prompts.length)
    throw new Error('Two guides give the same prompt name');
  return prompts;
}

function promptDefinition(guide: Guide, tools: readonly ToolDefinition[]): PromptDefinition {
  const where = `Guide ${guide.id}`;
  const name = toolName(guide.id);
  // The API key is the server's, never a prompt's.
  const inputs = new Map(guide.inputs.map((input) => [input.name, input.secret ? null : toolName(input.name)]));
  const args = guide.inputs
    .filter((input) => !input.secret)
    .map((input) => ({ name: toolName(input.name), description: input.description, required: input.required }));

  const kept = new Set<string>();
  const calls = guide.steps.map((step) => {
    const call = stepCall(step, tools, { where, inputs });
    for (const output of Object.keys(call.keeps)) {
      if (kept.has(output)) throw new Error(`${where}, step ${step.id}: a second output named ${output}`);
      kept.add(output);
    }
    return call;
  });

  const text = [
    `# ${guide.title}`,
    guide.summary,
    guide.description,
    "Do it with this MCP server's tools, which hold the API key (never ask for one or pass one): call the tools below one at a time, in this order, with the arguments shown as JSON. A value written <name> is the one you kept from an earlier step. After each call, check what the step says; if a check fails, stop and tell the user which step failed and what its result said.",
    ...(args.length
      ? [
          `Inputs:\n${args.map((argument) => `- ${argument.name} = "{{${argument.name}}}": ${argument.description}`).join('\n')}`,
        ]
      : []),
    guide.steps.map((step, index) => stepText(index + 1, step.description, calls[index]!)).join('\n\n'),
  ].join('\n\n');

  return {
    name,
    title: guide.title,
    description: guide.summary,
    arguments: args,
    tools: [...new Set(calls.map((call) => call.tool.name))],
    text,
  };
}

function stepText(number: number, description: string, call: StepCall): string {
  const lines = [
    `${number}. ${description}`,
    `Call \`${call.tool.name}\` with ${JSON.stringify(call.arguments)}.`,
    `Check: ${call.checks.join('; ')}.`,
    ...Object.entries(call.keeps).map(([output, field]) => `Keep its \`${field}\` as <${output}>.`),
    ...(call.succeeds ? writeAdvice(call) : []),
  ];
  return lines.join('\n   ');
}

/** For a write, how to repeat it if its outcome is unknown, as the tool's results and its `idempotency_key` say. */
function writeAdvice({ tool, arguments: args }: StepCall): string[] {
  if ('readOnlyHint' in tool.annotations) return [];
  const keyArgument = Object.keys(tool.call.arguments).find(
    (argument) => tool.call.arguments[argument] === 'idempotencyKey',
  );
  const unknown = 'If its result says the outcome is unknown,';
  if (keyArgument && keyArgument in args)
    return [
      `${unknown} call it again with exactly these arguments: the same \`${keyArgument}\` makes the API do it at most once.`,
    ];
  if (keyArgument)
    return [
      `${unknown} call it again with the same arguments and the \`${keyArgument}\` that result names, so that the API does it at most once.`,
    ];
  if (tool.annotations.idempotentHint)
    return [`${unknown} the same call again is safe: a repeat leaves things as one call does.`];
  return [`${unknown} check with a tool that reads whether it was done before calling it again.`];
}
