/**
 * The request a guide's step sends, as the code samples' `RequestShape`: the
 * operation's own shape (server, credential, path) from the contract, with
 * the step's parameters and body. A value the step reads at run time, an
 * input or an earlier step's output, becomes the shell variable a reader
 * sets (`$inputs.assistantId` → `$ASSISTANT_ID`, `$steps.create-thread.outputs.threadId`
 * → `$THREAD_ID`); the key is `$FREDDY_API_KEY`, as in every sample.
 */
import type { Guide, GuideStep } from '@freddy/spec/guides';
import { requestShape, type SampleOverrides } from '../samples/index.js';
import type { RequestShape } from '../samples/request-shape.js';
import { API_KEY_VARIABLE } from '../samples/sample.js';

const INPUT = /^\$inputs\.([A-Za-z0-9_]+)$/;
const STEP_OUTPUT = /^\$steps\.[A-Za-z0-9_-]+\.outputs\.([A-Za-z0-9_]+)$/;

/** `threadId` → `THREAD_ID`. */
export function shellName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The shell variable a value stands for, when it is an input or an earlier step's output. */
export function variableOf(guide: Guide, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const input = INPUT.exec(value)?.[1];
  if (input) return guide.inputs.find((known) => known.name === input)?.secret ? API_KEY_VARIABLE : shellName(input);
  const output = STEP_OUTPUT.exec(value)?.[1];
  return output ? shellName(output) : undefined;
}

/** A value as the sample writes it: `$VARIABLE` for a run-time value, else the literal. */
function sampleValue(guide: Guide, value: unknown): unknown {
  const variable = variableOf(guide, value);
  if (variable) return `$${variable}`;
  if (Array.isArray(value)) return value.map((item) => sampleValue(guide, item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, sampleValue(guide, item)]));
  }
  return value;
}

/** The step's request; `overrides.baseUrl` points it at another server (the tests run it on the reference server). */
export function stepRequestShape(
  guide: Guide,
  step: GuideStep,
  overrides: Pick<SampleOverrides, 'baseUrl'> = {},
): RequestShape {
  const shape = requestShape(step.operation, overrides);
  const sent = (location: 'path' | 'query' | 'header') =>
    step.request.parameters
      .filter((parameter) => parameter.in === location)
      .map(({ name, value }) => ({ name, value: String(sampleValue(guide, value)) }));
  const path = new Map(sent('path').map(({ name, value }) => [name, value]));
  const { body: _example, ...rest } = shape;
  return {
    ...rest,
    pathParams: shape.pathParams.map((param) => ({ name: param.name, value: path.get(param.name) ?? param.value })),
    query: sent('query'),
    headers: sent('header'),
    ...(step.request.body === undefined ? {} : { body: sampleValue(guide, step.request.body) }),
  };
}
