/**
 * A guide's step as a call of one of this server's tools: the tool its
 * operation gives (`toolName()`, the tools' own mapping), the step's
 * parameters and body as that tool's arguments, and its success criteria and
 * outputs as what an agent checks and keeps. Refused, naming the guide and
 * the step, when the step sends something no argument of the tool carries,
 * or checks something a tool result cannot show in a way this cannot say.
 */
import type { GuideStep } from '@freddy/spec/guides';
import type { ToolDefinition } from '../../src/tools/definition.js';
import { toolName } from './tool-name.js';

export interface StepCall {
  tool: ToolDefinition;
  /** The tool's arguments: literals, `"{{argument}}"` for a prompt argument, `"<output>"` for a value kept earlier. */
  arguments: Record<string, unknown>;
  /** Whether the step expects a success (a 2xx), not an error result. */
  succeeds: boolean;
  /** What to check of the result, as sentences. */
  checks: string[];
  /** What to keep of the result: output name → the field it is. */
  keeps: Record<string, string>;
}

export interface StepScope {
  where: string;
  /** A guide input's name → its prompt argument's name; `null` for a secret input (the API key). */
  inputs: Map<string, string | null>;
}

const INPUT = /^\$inputs\.([A-Za-z0-9_]+)$/;
const STEP_OUTPUT = /^\$steps\.[A-Za-z0-9_-]+\.outputs\.([A-Za-z0-9_]+)$/;
const EXPRESSION = /\$(inputs|steps|response|request|statusCode|outputs|workflows|sourceDescriptions|components)\b/;
const BODY_FIELD = /^\$response\.body#(\/.*)?$/;
const STATUS = /^\$statusCode\s*==\s*(\d{3})$/;
const COMPARISON = /^(\S+)\s*(==|!=|<=|>=|<|>)\s*(.+)$/;
const SAID: Record<string, string> = {
  '==': 'is',
  '!=': 'is not',
  '<': 'is below',
  '>': 'is above',
  '<=': 'is at most',
  '>=': 'is at least',
};

export function stepCall(step: GuideStep, tools: readonly ToolDefinition[], scope: StepScope): StepCall {
  const where = `${scope.where}, step ${step.id}`;
  const name = toolName(step.operationId);
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) throw new Error(`${where}: no tool ${name} for ${step.operationId}`);

  const args: Record<string, unknown> = {};
  const put = (argument: string, value: unknown) => {
    args[argument] = argumentValue(value, scope, where);
  };
  for (const parameter of step.request.parameters) {
    if (parameter.in === 'header') {
      const argument = /^idempotency-key$/i.test(parameter.name)
        ? Object.keys(tool.call.arguments).find((candidate) => tool.call.arguments[candidate] === 'idempotencyKey')
        : undefined;
      if (!argument) throw new Error(`${where}: ${tool.name} has no argument for the header ${parameter.name}`);
      put(argument, parameter.value);
    } else {
      if (tool.call.arguments[parameter.name] !== parameter.in)
        throw new Error(`${where}: ${tool.name} has no ${parameter.in} argument ${parameter.name}`);
      put(parameter.name, parameter.value);
    }
  }
  const body = step.request.body;
  if (body !== undefined) {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new Error(`${where}: a body that is not an object cannot be spread into ${tool.name}'s arguments`);
    for (const [property, value] of Object.entries(body)) {
      if (tool.call.arguments[property] !== 'body')
        throw new Error(`${where}: ${tool.name} has no body argument ${property}`);
      put(property, value);
    }
  }

  const status = step.successCriteria.map((condition) => STATUS.exec(condition)?.[1]).find(Boolean);
  const succeeds = Number(status) >= 200 && Number(status) < 300;
  const checks = step.successCriteria.flatMap((condition) => {
    const expected = STATUS.exec(condition)?.[1];
    if (expected) return [succeeds ? 'it succeeds' : `it is an error result with status ${expected}`];
    return check(condition, where);
  });
  const keeps = Object.fromEntries(
    Object.entries(step.outputs).map(([output, expression]) => {
      const field = BODY_FIELD.exec(expression);
      if (!field) throw new Error(`${where}: output ${output} (${expression}) is not a field of the result`);
      return [output, fieldName(field[1] ?? '')];
    }),
  );
  return { tool, arguments: args, succeeds, checks, keeps };
}

/** A step's value as an argument: a prompt argument's placeholder, an earlier output's, or the literal. */
function argumentValue(value: unknown, scope: StepScope, where: string): unknown {
  if (typeof value === 'string') {
    const input = INPUT.exec(value)?.[1];
    if (input !== undefined) {
      const argument = scope.inputs.get(input);
      if (!argument) throw new Error(`${where}: sends the input ${input}, which a prompt never asks for`);
      return `{{${argument}}}`;
    }
    const output = STEP_OUTPUT.exec(value)?.[1];
    if (output !== undefined) return `<${output}>`;
    if (EXPRESSION.test(value)) throw new Error(`${where}: ${value} mixes an expression with text`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => argumentValue(item, scope, where));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, argumentValue(item, scope, where)]));
  return value;
}

/** A criterion as a sentence; none for one about a header, which a tool result does not carry. */
function check(condition: string, where: string): string[] {
  const match = COMPARISON.exec(condition.trim());
  if (!match) throw new Error(`${where}: cannot say the criterion ${condition}`);
  const [, left, operator, right] = match as unknown as [string, string, string, string];
  if ([left, right].some((side) => side.startsWith('$response.header'))) return [];
  return [`${operand(left, condition, where)} ${SAID[operator]} ${operand(right, condition, where)}`];
}

function operand(text: string, condition: string, where: string): string {
  const field = BODY_FIELD.exec(text);
  if (field) return `\`${fieldName(field[1] ?? '')}\``;
  const output = STEP_OUTPUT.exec(text)?.[1];
  if (output !== undefined) return `<${output}>`;
  const quoted = /^'(.*)'$/.exec(text)?.[1];
  if (quoted !== undefined) return JSON.stringify(quoted);
  if (/^(true|false|null|-?\d+(\.\d+)?)$/.test(text)) return text;
  throw new Error(`${where}: cannot say ${text} in the criterion ${condition}`);
}

/** A JSON pointer as a field path: `/data/0/id` → `data[0].id`. */
function fieldName(pointer: string): string {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (!tokens.length) return 'the whole result';
  return tokens.map((token, index) => (/^\d+$/.test(token) ? `[${token}]` : index ? `.${token}` : token)).join('');
}
