/**
 * A tool's description, written for the agent that will call it: what the
 * operation does (the contract's description), the limits its arguments must
 * keep (the contract's `limits`), and the mistakes the API refuses (the
 * contract's error responses: the body limit among them), so a model can get
 * a call right the first time and mend it the second.
 */
import type { ContractOperation, ContractResponse, SchemaLimit } from '@freddy/spec';
import type { JsonSchema, ObjectSchema } from '../../src/tools/definition.js';
import { prose } from './prose.js';

// Error answers the agent can mend by its arguments. Not listed: 400, a malformed request, which the
// server's own check against the input schema refuses before sending (the API's 400s past it name their
// param in the error result); 401 and 403, the server's credentials; 409 and 429, which the client
// retries; 415, which cannot happen, as the client always sends JSON.
const NOT_LISTED = new Set([400, 401, 403, 409, 415, 429]);

export function toolDescription(operation: ContractOperation, input: ObjectSchema): string {
  const parts = [prose(operation.description || operation.summary)];
  const limits = limitsLine(operation, input);
  if (limits) parts.push(`Limits: ${limits}.`);
  const refusals = operation.responses
    .filter((response) => response.status >= 400 && response.status < 500 && !NOT_LISTED.has(response.status))
    .map((response) => `${response.status} ${errorCodes(response) || lowerFirst(gist(response.description))}`);
  if (refusals.length) parts.push(`Refused: ${refusals.join('; ')}.`);
  return parts.join('\n\n');
}

/**
 * `title 1–200 chars; metadata ≤ 16 keys, values ≤ 512 chars; after, before 1–128 chars`: the bounds
 * the contract states for what the agent writes, in contract order, an argument's parts beside it and
 * arguments with the same bounds together. Not a path parameter's: it names the thread the call is
 * about, an id copied from an earlier result, never written to a length.
 */
function limitsLine(operation: ContractOperation, input: ObjectSchema): string {
  // Keyed by the steps as the contract writes them; each entry keeps the steps and the bounds found there.
  const byPlace = new Map<string, { steps: string[]; bounds: Partial<Record<SchemaLimit['keyword'], number>> }>();
  for (const limit of operation.limits) {
    const { keyword, value } = limit;
    const { location, steps } = limitPlace(limit);
    // Headers are the client's (Idempotency-Key), not the agent's.
    if (location === 'header' || location === 'path') continue;
    // An enum's or a const's length bound only restates its values, which the schema lists.
    if (!steps.length || isEnumerated(schemaAt(input, steps))) continue;
    const key = steps.join('.');
    const entry = byPlace.get(key) ?? { steps, bounds: {} };
    entry.bounds[keyword] = value;
    byPlace.set(key, entry);
  }
  // Each argument's own bounds, then its parts' (`messages[].content` → `content`, `metadata.*` → `values`).
  const byArgument = new Map<string, string[]>();
  for (const { steps, bounds } of byPlace.values()) {
    const { argument, part } = partOf(steps);
    const text = boundsText(bounds);
    const parts = byArgument.get(argument) ?? [];
    parts.push(part ? `${part === '*' ? 'values' : part} ${text}` : text);
    byArgument.set(argument, parts);
  }
  const byBounds = new Map<string, string[]>();
  for (const [argument, parts] of byArgument) {
    const text = parts.join(', ');
    byBounds.set(text, [...(byBounds.get(text) ?? []), argument]);
  }
  return [...byBounds].map(([text, argumentsWithIt]) => `${argumentsWithIt.join(', ')} ${text}`).join('; ');
}

function boundsText(bounds: Partial<Record<SchemaLimit['keyword'], number>>): string {
  return [
    range(bounds.minLength, bounds.maxLength, 'chars'),
    range(bounds.minItems, bounds.maxItems, 'items'),
    range(bounds.minProperties, bounds.maxProperties, 'keys'),
    range(bounds.minimum, bounds.maximum, ''),
  ]
    .filter(Boolean)
    .join(', ');
}

/** `1–200 chars`, `≤ 16 keys`, `≥ 1`, or '' when neither bound is stated. */
function range(min: number | undefined, max: number | undefined, unit: string): string {
  const text =
    min !== undefined && max !== undefined
      ? `${min}–${max}`
      : max !== undefined
        ? `≤ ${max}`
        : min !== undefined
          ? `≥ ${min}`
          : '';
  return text && unit ? `${text} ${unit}` : text;
}

/**
 * Where a limit applies, from the contract's `SchemaLimit` (`in` and `path`): the part of the request
 * (`body`, `query`, `path`, `header`) and the steps into it, `[]` for an array's items and `*` for an
 * object's values (`messages`, `[]`, `content`). The one place a limit's place is read.
 */
interface LimitPlace {
  location: string;
  steps: string[];
}

function limitPlace(limit: SchemaLimit): LimitPlace {
  return {
    location: limit.in,
    steps: limit.path.map((step) => (step === 'items' ? '[]' : step === 'values' ? '*' : step.property)),
  };
}

/** The argument a limit's steps start at, and the part of it they reach, written as the description names it. */
function partOf(steps: string[]): { argument: string; part: string } {
  const [argument = '', ...rest] = steps;
  if (rest[0] === '[]') rest.shift();
  const part = rest.map((step, i) => (step === '[]' ? '[]' : i ? `.${step}` : step)).join('');
  return { argument, part };
}

/** The schema at a limit's steps (`messages`, `[]`, `role`) in the tool's arguments. */
function schemaAt(input: ObjectSchema, steps: string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = { properties: input.properties };
  for (const step of steps) {
    if (!node) return undefined;
    if (step === '[]') node = node.items as JsonSchema | undefined;
    else if (step === '*') node = node.additionalProperties as JsonSchema | undefined;
    else node = (node.properties as Record<string, JsonSchema> | undefined)?.[step];
  }
  return node;
}

function isEnumerated(schema: JsonSchema | undefined): boolean {
  return schema !== undefined && ('enum' in schema || 'const' in schema);
}

/** The codes the response's examples carry (`invalid_title, metadata_limit_exceeded`): what the error result will name. */
function errorCodes(response: ContractResponse): string {
  const codes = response.examples.map(
    (example) => (example.value as { error?: { code?: unknown } } | undefined)?.error?.code,
  );
  return [...new Set(codes.filter((code): code is string => typeof code === 'string'))].join(', ');
}

/** What an error response is about, without its list of cases or asides: up to its first colon or full stop. */
function gist(description: string): string {
  return prose(description)
    .replace(/\s*\([^()]*\)/g, '')
    .split(/[:.](?:\s|$)/)[0]!;
}

function lowerFirst(text: string): string {
  // Keeps `Idempotency-Key` and other names that start a sentence as they are.
  return /^[A-Z][a-z]/.test(text) && !text.startsWith('`') ? text[0]!.toLowerCase() + text.slice(1) : text;
}
