/**
 * A guide as Markdown, from `describeGuides()`: its description, the values
 * a reader sets first, then each step: its operation (linked to its
 * reference), what it does and why, the request (the curl command the code
 * samples' generator writes for it), what the answer shows when it worked, and what to keep
 * for the steps after it. The reference's guide section and the guide's
 * Markdown page are both this text, with their own heading level and links.
 */
import type { ContractOperation } from '@freddy/spec';
import type { Guide, GuideStep } from '@freddy/spec/guides';
import { code, fenced } from '../markdown/text.js';
import { curlSample } from '../samples/curl.js';
import { API_KEY_VARIABLE } from '../samples/sample.js';
import { criterionText, fieldPath } from './criteria.js';
import { shellName, stepRequestShape } from './step-request.js';

export interface GuideTextOptions {
  /**
   * The heading level of a step, one below the guide's own, on a page of its own; in the reference (0)
   * a step is a paragraph of its own in bold, since Redoc would list every heading in its sidebar.
   */
  stepLevel: number;
  /** The link to an operation's reference, from where the text is read. */
  operationHref(operation: ContractOperation): string;
}

export function guideText(guide: Guide, options: GuideTextOptions): string {
  return [
    guide.description,
    inputsText(guide),
    ...guide.steps.map((step, index) => stepText(guide, step, index, options)),
  ].join('\n\n');
}

function inputsText(guide: Guide): string {
  const lines = guide.inputs.map((input) => {
    const variable = input.secret ? API_KEY_VARIABLE : shellName(input.name);
    return `- ${code(variable)}: ${input.description}`;
  });
  return ['Set these shell variables first; the commands below read them:', lines.join('\n')].join('\n\n');
}

function stepText(guide: Guide, step: GuideStep, index: number, options: GuideTextOptions): string {
  const { operation } = step;
  const checks = step.successCriteria.map((condition) => criterionText(guide, condition));
  const keeps = Object.entries(step.outputs).map(([name, expression]) => {
    const pointer = /^\$response\.body#(\/.*)$/.exec(expression)?.[1];
    return `${pointer ? code(fieldPath(pointer)) : code(expression)} as ${code(shellName(name))}`;
  });
  const title = `${index + 1}. [${operation.summary}](${options.operationHref(operation)})`;
  return [
    options.stepLevel > 0 ? `${'#'.repeat(options.stepLevel)} ${title}` : `**${title}**`,
    step.description,
    fenced('sh', curlSample(stepRequestShape(guide, step))),
    `It worked when ${inWords(checks)}.${keeps.length > 0 ? ` Keep ${inWords(keeps)}.` : ''}`,
  ].join('\n\n');
}

/** `a`, `a and b`, `a, b and c`. */
function inWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
