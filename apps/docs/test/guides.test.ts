/**
 * Every guide of `describeGuides()` is in the built docs: a Markdown page
 * (`guides/<id>.md`) with its text, every step's request as the curl the
 * samples' generator writes and a link to the step's operation page; a line
 * in `llms.txt` and its page in `llms-full.txt`; a section of the reference's
 * document under "Guides". The curl commands a guide shows, run in order in
 * bash against the reference server with the values each step keeps, get
 * the status the guide expects, so a reader can follow the page as written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Sandbox } from '@freddy/sandbox';
import { loadSpec } from '@freddy/spec';
import { describeGuides, type Guide } from '@freddy/spec/guides';
import { useSandbox } from '@freddy/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { criterionText } from '../src/guides/criteria.js';
import { guidePagePath, guideRoute } from '../src/guides/locations.js';
import { shellName, stepRequestShape } from '../src/guides/step-request.js';
import { guidePage } from '../src/markdown/guide-page.js';
import { operationPagePath } from '../src/markdown/locations.js';
import { docsSpecPath, siteDir } from '../src/paths.js';
import { curlSample } from '../src/samples/curl.js';
import { API_KEY_VARIABLE } from '../src/samples/sample.js';
import { runCurl } from './support/run-sample.js';
import { requireBuiltSite } from './support/site.js';

const guides = describeGuides();
const cases = guides.map((guide) => [guide.id, guide] as const);
const read = (path: string) => readFileSync(join(siteDir, path), 'utf8');

describe('the guides in the built docs', () => {
  beforeAll(requireBuiltSite);

  it.each(cases)('%s has its Markdown page: its text, and every step with its request and operation', (_, guide) => {
    const path = guidePagePath(guide);
    const page = read(path);
    expect(page).toBe(guidePage(guide, path));
    expect(page.startsWith(`# ${guide.title}\n\n${guide.summary}\n\n${guide.description}\n\n`)).toBe(true);
    guide.steps.forEach((step, index) => {
      const link = posix.relative(posix.dirname(path), operationPagePath(step.operation));
      expect(page).toContain(`## ${index + 1}. [${step.operation.summary}](${link})\n\n${step.description}\n\n`);
      expect(existsSync(join(siteDir, operationPagePath(step.operation)))).toBe(true);
      expect(page).toContain(`\`\`\`sh\n${curlSample(stepRequestShape(guide, step))}\n\`\`\``);
    });
  });

  it.each(cases)('%s has its line in llms.txt, under Guides, and its page in llms-full.txt', (_, guide) => {
    const index = read('llms.txt');
    const guidesSection = index.split('\n## ').find((section) => section.startsWith('Guides\n'));
    expect(guidesSection).toContain(`- [${guide.title}](${guidePagePath(guide)}): ${guide.summary}\n`);
    const full = read('llms-full.txt');
    expect(full).toContain(`Source: ${guidePagePath(guide)}\n\n${guidePage(guide, 'llms-full.txt').trimEnd()}`);
  });

  it.each(cases)("%s is a section of the reference's document, under the Guides heading", (_, guide) => {
    const description = loadSpec(docsSpecPath).info.description ?? '';
    const group = description.slice(description.indexOf('\n# Guides\n'));
    expect(group).toContain(`\n## ${guide.title}\n\n${guide.summary}\n\n${guide.description}\n\n`);
    guide.steps.forEach((step, index) => {
      const route = `#/${step.operation.tag.toLowerCase()}/${step.operation.id.toLowerCase()}`;
      expect(group).toContain(`**${index + 1}. [${step.operation.summary}](${route})**\n\n${step.description}`);
    });
    expect(group).toContain(`[Markdown for this page](${guidePagePath(guide)})`);
    expect(guideRoute(guide)).toMatch(/^\/section\/guides\/[a-z0-9-]+$/);
  });

  it("writes a step's run-time values as the shell variables the page asks for, never percent-encoded", () => {
    const steps = guides.flatMap((guide) => guide.steps.map((step) => ({ guide, step })));
    const fromEarlier = steps.find(({ step }) =>
      step.request.parameters.some((p) => String(p.value).includes('$steps.')),
    );
    expect(fromEarlier).toBeDefined();
    const curl = curlSample(stepRequestShape(fromEarlier!.guide, fromEarlier!.step));
    expect(curl).toMatch(/\/\$[A-Z_]+/);
    expect(curl).not.toContain('%24');
    expect(curl).not.toContain('$steps.');
    expect(curl).not.toContain('$inputs.');
  });

  it('says a success criterion in words, and shows one it cannot read as written', () => {
    const [guide] = guides;
    expect(criterionText(guide!, '$statusCode == 404')).toBe('the status is `404`');
    expect(criterionText(guide!, "$response.body#/error/code == 'thread_not_found'")).toBe(
      '`error.code` is `thread_not_found`',
    );
    expect(criterionText(guide!, '$response.body#/data/0/id != $steps.x.outputs.threadId')).toBe(
      '`data[0].id` is not `$THREAD_ID`',
    );
    expect(criterionText(guide!, '$response.header.Idempotent-Replayed == true')).toBe(
      'the header `Idempotent-Replayed` is `true`',
    );
    expect(criterionText(guide!, '$[?count(@.data) == 1]')).toBe('`$[?count(@.data) == 1]`');
  });
});

describe("the guides' commands, run as shown against the reference server", () => {
  const running = useSandbox();
  let sandbox: Sandbox;
  beforeAll(() => {
    sandbox = running.current;
  });

  /** The status a step's criteria expect. */
  const expectedStatus = (conditions: string[]) =>
    Number(conditions.map((condition) => /^\$statusCode == (\d{3})$/.exec(condition)?.[1]).find(Boolean));

  /** Each input a value of this run (the key is the sandbox's), as the page's shell variables. */
  const inputVariables = (guide: Guide) =>
    Object.fromEntries(
      guide.inputs
        .filter((input) => !input.secret)
        .map((input) => [shellName(input.name), `${input.name}-${crypto.randomUUID()}`]),
    );

  it.each(cases)('%s: every step answers the status the guide expects', async (_, guide) => {
    const variables: Record<string, string> = inputVariables(guide);
    for (const step of guide.steps) {
      const exports = Object.entries(variables).map(([name, value]) => `${name}='${value}'`);
      const source = [...exports, curlSample(stepRequestShape(guide, step, { baseUrl: sandbox.url }))].join('\n');
      const { status, body } = await runCurl(`guide-${guide.id}-${step.id}`, source, sandbox.credentials.demo.apiKey);
      expect(status, `${guide.id} / ${step.id}: ${JSON.stringify(body)}`).toBe(expectedStatus(step.successCriteria));
      for (const [name, expression] of Object.entries(step.outputs)) {
        const pointer = /^\$response\.body#\/(.+)$/.exec(expression)?.[1];
        expect(pointer, `${step.id} keeps ${expression}`).toBeDefined();
        const value = pointer!
          .split('/')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], body);
        expect(typeof value).toBe('string');
        variables[shellName(name)] = value as string;
      }
    }
    expect(API_KEY_VARIABLE in variables).toBe(false);
  });
});
