/**
 * The guides as one typed model, read from the Arazzo 1.0 workflows in
 * `spec/guides/` and resolved against the contract: what the docs render as
 * guide pages and Markdown, what an agent gets as a prompt, and what
 * `redocly respect` runs against the reference server. A guide is one
 * `<id>.arazzo.yaml` file holding one workflow whose `workflowId` is `<id>`;
 * each step calls one operation of the contract by its `operationId`.
 * Nothing here restates the contract: an operation, a parameter or a body a
 * step names is looked up in `describeContract()`, and a guide that names one
 * the contract lacks is refused, naming the guide, the step and what is missing.
 * Guides come in reading order: each document's `info.x-reading-order`, a
 * position no other guide takes, so a new guide is placed on purpose rather
 * than by the alphabet of its file name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  type Contract,
  type ContractOperation,
  describeContract,
  type HttpMethod,
  type ParameterLocation,
} from './contract.js';

/** The folder of the guides: `spec/guides/` (this module is one level down, in `src/` or `lib/`). */
export const guidesDirectory = fileURLToPath(new URL('../guides/', import.meta.url));

const GUIDE_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.arazzo\.yaml$/;

/** The extension of a guide's `info` that places it among the others (1 is read first). */
export const READING_ORDER = 'x-reading-order';

/** One value a workflow takes when it is run (`--input name=value`). */
export interface GuideInput {
  name: string;
  description: string;
  required: boolean;
  /** `format: password`: a credential, which `respect` masks in what it prints. */
  secret: boolean;
}

/** A parameter a step sends: a literal, or a runtime expression (`$inputs.apiKey`, `$steps.x.outputs.threadId`). */
export interface GuideParameter {
  name: string;
  in: Exclude<ParameterLocation, 'cookie'>;
  value: unknown;
}

/** The request a step sends, beyond what its operation always carries (the credential, the server). */
export interface GuideRequest {
  parameters: GuideParameter[];
  /** The JSON body; strings in it may be runtime expressions. */
  body?: unknown;
}

export interface GuideStep {
  id: string;
  /** What the step does and why, for a reader. */
  description: string;
  operationId: string;
  /** The contract's operation, resolved by `operationId`. */
  operation: ContractOperation;
  method: HttpMethod;
  /** The operation's path template, e.g. `/threads/{thread_id}/pin`. */
  path: string;
  request: GuideRequest;
  /** The conditions the answer must meet (`$statusCode == 200`, `$response.body#/is_pinned == true`). */
  successCriteria: string[];
  /** The values later steps read, by name: a runtime expression each (`$response.body#/id`). */
  outputs: Record<string, string>;
}

/** The OpenAPI document a guide's steps call, as its `sourceDescriptions` names it. */
export interface GuideSource {
  /** What `--server <name>=<url>` names to point the guide at a server (`threads`). */
  name: string;
  /** Where the document is, relative to the guide (`../openapi.yaml`). */
  url: string;
}

export interface Guide {
  /** The workflow's id, also the file's name (`keep-a-thread-on-top`). */
  id: string;
  /** Absolute path of the Arazzo document. */
  file: string;
  source: GuideSource;
  /** Where it comes among the guides: its `info.x-reading-order`, a positive integer, 1 first. */
  order: number;
  /** The document's `info.title`: the guide's heading. */
  title: string;
  /** The workflow's summary: one line. */
  summary: string;
  /** The workflow's description (Markdown). */
  description: string;
  inputs: GuideInput[];
  steps: GuideStep[];
}

export interface DescribeGuidesOptions {
  /** The folder holding the `*.arazzo.yaml` files; `spec/guides/` by default. */
  directory?: string;
  /** The contract the steps are resolved against; the bundle's by default. */
  contract?: Contract;
}

const described = new Map<string, WeakMap<Contract, readonly Guide[]>>();

/**
 * Every guide, in reading order, resolved against the contract; built once
 * per folder and contract. Two guides at one position are refused.
 */
export function describeGuides(options: DescribeGuidesOptions = {}): readonly Guide[] {
  const directory = options.directory ?? guidesDirectory;
  const contract = options.contract ?? describeContract();
  const byContract = described.get(directory) ?? new WeakMap<Contract, readonly Guide[]>();
  described.set(directory, byContract);
  let guides = byContract.get(contract);
  if (!guides) {
    guides = inReadingOrder(guideFiles(directory).map((file) => describeGuide(file, contract)));
    byContract.set(contract, guides);
  }
  return guides;
}

function inReadingOrder(guides: Guide[]): Guide[] {
  const sorted = [...guides].sort((a, b) => a.order - b.order);
  for (const [index, guide] of sorted.entries()) {
    const before = sorted[index - 1];
    if (before?.order === guide.order) {
      throw new Error(
        `Guides ${before.id} and ${guide.id} both take ${READING_ORDER} ${guide.order}: give each its own`,
      );
    }
  }
  return sorted;
}

/** The `*.arazzo.yaml` files of a folder, sorted by name. */
export function guideFiles(directory: string = guidesDirectory): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.arazzo.yaml'))
    .sort()
    .map((name) => join(directory, name));
}

// biome-ignore lint/suspicious/noExplicitAny: the Arazzo document is read untyped and checked field by field.
type Node = Record<string, any>;

/** One guide from one Arazzo document. */
export function describeGuide(file: string, contract: Contract): Guide {
  const name = basename(file);
  const id = GUIDE_FILE.exec(name)?.[1];
  if (!id) throw new Error(`${name}: a guide's file is named <id>.arazzo.yaml, the id in kebab case`);
  const document = parse(readFileSync(file, 'utf8')) as Node;
  if (typeof document?.arazzo !== 'string' || !document.arazzo.startsWith('1.0.')) {
    throw new Error(`${name}: not an Arazzo 1.0 document`);
  }
  const workflows = (document.workflows ?? []) as Node[];
  const [workflow] = workflows;
  if (workflows.length !== 1 || !workflow) throw new Error(`${name}: a guide holds exactly one workflow`);
  if (workflow.workflowId !== id) {
    throw new Error(`${name}: its workflowId is ${JSON.stringify(workflow.workflowId)}, not the file's name ${id}`);
  }
  const where = `Guide ${id}`;
  const source = describeSource(document.sourceDescriptions, where);
  const inputs = describeInputs(workflow.inputs, where);
  // The credential `respect` sends (`x-security`) reads an input too.
  checkExpressions(workflow['x-security'], { where, contract, inputs, before: [] }, where);
  const steps: GuideStep[] = [];
  for (const [index, step] of ((workflow.steps ?? []) as Node[]).entries()) {
    steps.push(describeStep(step, index, { where, contract, inputs, before: steps }));
  }
  if (steps.length === 0) throw new Error(`${where}: has no steps`);
  return {
    id,
    file,
    source,
    order: readingOrder(document.info?.[READING_ORDER], where),
    title: text(document.info?.title, `${where}: info.title`),
    summary: text(workflow.summary, `${where}: the workflow's summary`),
    description: text(workflow.description, `${where}: the workflow's description`),
    inputs,
    steps,
  };
}

function readingOrder(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(
      `${where}: info.${READING_ORDER} must be a positive integer, its place among the guides (1 is read first)`,
    );
  }
  return value;
}

/** Exactly one source, the OpenAPI document: every step names an operation of the contract. */
function describeSource(sources: Node[] | undefined, where: string): GuideSource {
  const [source] = sources ?? [];
  if (sources?.length !== 1 || source?.type !== 'openapi') {
    throw new Error(`${where}: its sourceDescriptions must name one OpenAPI document, the contract`);
  }
  return {
    name: text(source.name, `${where}: the source's name`),
    url: text(source.url, `${where}: the source's url`),
  };
}

function describeInputs(schema: Node | undefined, where: string): GuideInput[] {
  const required = new Set<string>(schema?.required ?? []);
  return Object.entries((schema?.properties ?? {}) as Record<string, Node>).map(([name, property]) => ({
    name,
    description: text(property.description, `${where}: input ${name}'s description`),
    required: required.has(name),
    secret: property.format === 'password',
  }));
}

interface StepContext {
  where: string;
  contract: Contract;
  inputs: GuideInput[];
  /** The steps before this one, which its expressions may read. */
  before: GuideStep[];
}

function describeStep(step: Node, index: number, context: StepContext): GuideStep {
  const id = step.stepId;
  if (typeof id !== 'string' || !id) throw new Error(`${context.where}: step ${index + 1} has no stepId`);
  const where = `${context.where}, step ${id}`;
  const operationId = step.operationId;
  if (typeof operationId !== 'string') {
    throw new Error(`${where}: a guide's step calls one operation of the contract by its operationId`);
  }
  const operation = context.contract.operations.find((candidate) => candidate.id === operationId);
  if (!operation) throw new Error(`${where}: the contract has no operation ${operationId}`);

  const parameters = ((step.parameters ?? []) as Node[]).map((parameter) =>
    describeParameter(parameter, operation, where),
  );
  for (const required of Object.values(operation.parameters).flat()) {
    const sent = parameters.some((parameter) => parameter.name === required.name && parameter.in === required.in);
    if (required.required && !sent)
      throw new Error(`${where}: ${operationId} needs the ${required.in} parameter ${required.name}`);
  }
  const body = step.requestBody?.payload;
  if (body !== undefined && !operation.requestBody) throw new Error(`${where}: ${operationId} takes no request body`);

  const successCriteria = ((step.successCriteria ?? []) as Node[]).map((criterion) =>
    text(criterion.condition, `${where}: a success criterion's condition`),
  );
  if (!successCriteria.some((condition) => /^\$statusCode\s*==\s*\d{3}$/.test(condition))) {
    throw new Error(`${where}: its successCriteria must check the status code ($statusCode == <status>)`);
  }
  const outputs = Object.fromEntries(
    Object.entries((step.outputs ?? {}) as Record<string, unknown>).map(([name, value]) => [
      name,
      text(value, `${where}: output ${name}`),
    ]),
  );
  const request: GuideRequest = { parameters, ...(body === undefined ? {} : { body }) };
  checkExpressions([request, successCriteria, outputs], context, where);
  return {
    id,
    description: text(step.description, `${where}: its description`),
    operationId,
    operation,
    method: operation.method,
    path: operation.path,
    request,
    successCriteria,
    outputs,
  };
}

function describeParameter(parameter: Node, operation: ContractOperation, where: string): GuideParameter {
  const location = parameter.in;
  const declared =
    location === 'path' || location === 'query' || location === 'header'
      ? operation.parameters[location as Exclude<ParameterLocation, 'cookie'>].find((candidate) =>
          location === 'header'
            ? candidate.name.toLowerCase() === String(parameter.name).toLowerCase()
            : candidate.name === parameter.name,
        )
      : undefined;
  if (!declared) {
    throw new Error(`${where}: ${operation.id} has no ${location} parameter ${JSON.stringify(parameter.name)}`);
  }
  return { name: declared.name, in: declared.in as GuideParameter['in'], value: parameter.value };
}

const STEP_OUTPUT = /\$steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_]+)/g;
const INPUT = /\$inputs\.([A-Za-z0-9_]+)/g;

/** Every `$steps.<id>.outputs.<name>` names an earlier step's output, and every `$inputs.<name>` an input. */
function checkExpressions(values: unknown, context: StepContext, where: string): void {
  for (const value of strings(values)) {
    for (const [, stepId, output] of value.matchAll(STEP_OUTPUT)) {
      const earlier = context.before.find((step) => step.id === stepId);
      if (!earlier) throw new Error(`${where}: ${value} reads step ${stepId}, which does not run before it`);
      if (!(output! in earlier.outputs)) throw new Error(`${where}: ${value} reads an output ${stepId} does not give`);
    }
    for (const [, input] of value.matchAll(INPUT)) {
      if (!context.inputs.some((candidate) => candidate.name === input)) {
        throw new Error(`${where}: ${value} reads an input the workflow does not declare`);
      }
    }
  }
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) yield* strings(item);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || !value.trim()) throw new Error(`${what} must be a non-empty string`);
  return value.trim();
}
