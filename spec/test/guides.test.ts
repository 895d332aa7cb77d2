/**
 * The guides (`guides/*.arazzo.yaml`) read as one typed model resolved against
 * the contract, and every way a guide could drift from the contract refused;
 * their lint (Redocly's Arazzo rules and the house's reader-text rule) is
 * clean on the real guides and catches a bad one. That every guide passes
 * against the reference server is `apps/sandbox/test/guides.test.ts`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type Config, lintFromString, loadConfig } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { describeGuide, describeGuides, guideFiles, guidesDirectory, READING_ORDER } from '../src/guides.js';
import { describeContract } from '../src/index.js';
import { breaksInsideSentences } from './reader-text.js';

const contract = describeContract();
const guides = describeGuides();

// biome-ignore lint/suspicious/noExplicitAny: a fixture reaches into the Arazzo document untyped, to break it.
type Untyped = Record<string, any>;

const fixtures = mkdtempSync(join(tmpdir(), 'freddy-guides-'));
afterAll(() => rmSync(fixtures, { recursive: true, force: true }));

/** The first guide's document with one change, written under `name`, described against the contract. */
function describeChanged(change: (doc: Untyped) => void, name = basename(guideFiles()[0]!)) {
  const doc = parse(readFileSync(guideFiles()[0]!, 'utf8')) as Untyped;
  change(doc);
  const file = join(fixtures, name);
  writeFileSync(file, stringify(doc));
  return () => describeGuide(file, contract);
}

/** A step of the changed document: the first that has parameters, so each case below can break one. */
const stepWithParameters = (doc: Untyped): Untyped =>
  doc.workflows[0].steps.find((step: Untyped) => (step.parameters ?? []).length > 0);

describe('describeGuides', () => {
  it('reads the at least four guides the docs promise, one per file, each file named by its workflow', () => {
    expect(guides.length).toBeGreaterThanOrEqual(4);
    expect(guides.map((guide) => guide.file).sort()).toEqual(guideFiles());
    for (const guide of guides) expect(basename(guide.file)).toBe(`${guide.id}.arazzo.yaml`);
    expect(new Set(guides.map((guide) => guide.title)).size).toBe(guides.length);
  });

  it('calls the hand-authored root document, openapi.yaml beside the guides, from every guide', () => {
    for (const guide of guides) {
      expect(join(guidesDirectory, guide.source.url)).toBe(join(guidesDirectory, '..', 'openapi.yaml'));
    }
  });

  it(`comes in reading order, by each guide's ${READING_ORDER}, not by file name`, () => {
    const orders = guides.map((guide) => guide.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    // The files' alphabet would put another guide first: the order is the documents' own.
    expect(guides.map((guide) => guide.file)).not.toEqual(guideFiles());
  });

  it('is built once per folder and contract', () => {
    expect(describeGuides()).toBe(guides);
    expect(describeGuides({ directory: guidesDirectory, contract })).toBe(guides);
  });

  it("resolves every step's operation against the contract: its id, method and path are the contract's", () => {
    const operations = new Map(contract.operations.map((operation) => [operation.id, operation]));
    for (const guide of guides) {
      for (const step of guide.steps) {
        const operation = operations.get(step.operationId);
        expect(operation, `${guide.id} / ${step.id}`).toBeDefined();
        expect(step.operation).toBe(operation);
        expect([step.method, step.path]).toEqual([operation?.method, operation?.path]);
      }
    }
  });

  it('sends each step its operation’s required parameters, by the names the contract gives them', () => {
    for (const guide of guides) {
      for (const step of guide.steps) {
        const declared = Object.values(step.operation.parameters).flat();
        for (const parameter of step.request.parameters) {
          expect(declared.some((known) => known.name === parameter.name && known.in === parameter.in)).toBe(true);
        }
        for (const required of declared.filter((parameter) => parameter.required)) {
          expect(step.request.parameters.map((parameter) => parameter.name)).toContain(required.name);
        }
      }
    }
  });

  it('gives every guide and step reader text, one line per paragraph, and the key as a secret input', () => {
    for (const guide of guides) {
      const texts = [guide.title, guide.summary, guide.description, ...guide.steps.map((step) => step.description)];
      for (const text of texts) {
        expect(text.length).toBeGreaterThan(0);
        expect(breaksInsideSentences(text), `${guide.id}: ${text}`).toEqual([]);
      }
      expect(guide.inputs.find((input) => input.name === 'apiKey')).toMatchObject({ required: true, secret: true });
    }
  });

  it('checks the status of every answer, and passes the thread id from one step to the next as an output', () => {
    for (const guide of guides) {
      for (const step of guide.steps) expect(step.successCriteria.join(' ')).toMatch(/\$statusCode == \d{3}/);
    }
    const pin = contract.operations.find((operation) => operation.method === 'POST' && operation.path.endsWith('/pin'));
    const pinning = guides.flatMap((guide) => guide.steps).find((step) => step.operationId === pin?.id);
    expect(pinning?.request.parameters.find((parameter) => parameter.in === 'path')?.value).toMatch(
      /^\$steps\.[a-z-]+\.outputs\.threadId$/,
    );
  });
});

describe('describeGuide refuses a guide that drifts from the contract', () => {
  it('a step whose operation the contract does not have', () => {
    const missing = `${contract.operations[0]!.id}ThatIsNotInTheContract`;
    expect(contract.operations.some((operation) => operation.id === missing)).toBe(false);
    const read = describeChanged((doc) => {
      doc.workflows[0].steps[0].operationId = missing;
    });
    expect(read).toThrow(`the contract has no operation ${missing}`);
  });

  it('a parameter its operation does not declare', () => {
    const read = describeChanged((doc) => {
      stepWithParameters(doc).parameters[0].name = 'not_a_parameter';
    });
    expect(read).toThrow(/has no (path|query|header) parameter "not_a_parameter"/);
  });

  it('a step that leaves out a required parameter', () => {
    const read = describeChanged((doc) => {
      const step = stepWithParameters(doc);
      step.parameters = step.parameters.filter((parameter: Untyped) => parameter.in !== 'path');
    });
    expect(read).toThrow(/needs the path parameter/);
  });

  it('a value read from a step that has not run yet', () => {
    const read = describeChanged((doc) => {
      const steps = doc.workflows[0].steps;
      steps.push(steps.shift());
    });
    expect(read).toThrow(/reads step .+, which does not run before it/);
  });

  it('a value read from an input the workflow does not declare', () => {
    const read = describeChanged((doc) => {
      delete doc.workflows[0].inputs.properties.apiKey;
      doc.workflows[0].inputs.required = [];
    });
    expect(read).toThrow(/reads an input the workflow does not declare/);
  });

  it('a step that does not check the status of its answer', () => {
    const read = describeChanged((doc) => {
      doc.workflows[0].steps[0].successCriteria = [{ condition: '$response.body#/id != null' }];
    });
    expect(read).toThrow(/must check the status code/);
  });

  it('a guide over another source than the contract', () => {
    const read = describeChanged((doc) => {
      doc.sourceDescriptions.push({ ...doc.sourceDescriptions[0], name: 'other' });
    });
    expect(read).toThrow(/must name one OpenAPI document/);
  });

  it('a step without a description, a file of two workflows, a workflow not named as its file', () => {
    expect(
      describeChanged((doc) => {
        delete doc.workflows[0].steps[0].description;
      }),
    ).toThrow(/its description must be a non-empty string/);
    expect(
      describeChanged((doc) => {
        doc.workflows.push({ ...doc.workflows[0], workflowId: 'another' });
      }),
    ).toThrow(/exactly one workflow/);
    expect(describeChanged(() => {}, 'another-name.arazzo.yaml')).toThrow(/not the file's name another-name/);
  });
});

describe('the reading order of the guides', () => {
  it(`refuses a guide without a place: no ${READING_ORDER}, zero, or a fraction`, () => {
    for (const value of [undefined, 0, 1.5, '1']) {
      expect(
        describeChanged((doc) => {
          doc.info[READING_ORDER] = value;
        }),
      ).toThrow(new RegExp(`info\\.${READING_ORDER} must be a positive integer`));
    }
  });

  it('refuses two guides at one place, naming both', () => {
    const directory = mkdtempSync(join(fixtures, 'two-at-one-place-'));
    const [first, second] = guideFiles();
    for (const file of [first!, second!]) {
      const doc = parse(readFileSync(file, 'utf8')) as Untyped;
      doc.info[READING_ORDER] = 7;
      writeFileSync(join(directory, basename(file)), stringify(doc));
    }
    const ids = [first!, second!].map((file) => basename(file, '.arazzo.yaml'));
    expect(() => describeGuides({ directory, contract })).toThrow(
      `Guides ${ids[0]} and ${ids[1]} both take ${READING_ORDER} 7: give each its own`,
    );
  });
});

describe('redocly lint of the guides', () => {
  let config: Config;
  beforeAll(async () => {
    config = await loadConfig({ configPath: join(guidesDirectory, 'redocly.yaml') });
  });

  /** Lints a guide's text in place (its `../openapi.yaml` resolves), as `pnpm lint` does. */
  async function lint(source: string, file: string) {
    const problems = await lintFromString({ source, absoluteRef: file, config });
    return problems.filter((problem) => !problem.ignored).map((problem) => `${problem.ruleId}: ${problem.message}`);
  }

  it('finds nothing in the real guides', async () => {
    for (const file of guideFiles()) expect(await lint(readFileSync(file, 'utf8'), file)).toEqual([]);
  });

  it('catches reader text that says where a fact comes from (house/reader-text)', async () => {
    const file = guideFiles()[0]!;
    const doc = parse(readFileSync(file, 'utf8')) as Untyped;
    doc.workflows[0].steps[0].description = 'Create a thread, a house choice.';
    expect(await lint(stringify(doc), file)).toEqual([expect.stringMatching(/^house\/reader-text: .*house choice/)]);
  });

  it("catches two steps with one id (Redocly's Arazzo rules)", async () => {
    const file = guideFiles()[0]!;
    const doc = parse(readFileSync(file, 'utf8')) as Untyped;
    doc.workflows[0].steps[1].stepId = doc.workflows[0].steps[0].stepId;
    expect(await lint(stringify(doc), file)).toContainEqual(expect.stringMatching(/^stepId-unique: /));
  });
});
