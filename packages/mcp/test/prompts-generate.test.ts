/**
 * The prompt generator (scripts/generate/prompt-*.ts): one prompt per guide
 * of whatever folder it reads, each step the tool its operation gives. A copy
 * of the guides shows a new guide file becoming a prompt with nothing else
 * edited (in process and through the build script), and changed guides show
 * what it refuses rather than tell an agent something it cannot do.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeContract } from '@freddy/spec';
import { describeGuides, type Guide, type GuideStep, guidesDirectory } from '@freddy/spec/guides';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { promptDefinitions as built } from '../generated/prompts.js';
import { promptDefinitions } from '../scripts/generate/prompt-definitions.js';
import { toolDefinitions } from '../scripts/generate/tool-definitions.js';

const contract = describeContract();
const tools = toolDefinitions(contract);
const guides = describeGuides();

test('the built prompts are the guides as they are now, in their order', () => {
  expect(built).toEqual(promptDefinitions(guides, tools));
  expect(built.map((prompt) => prompt.name)).toEqual(guides.map((guide) => guide.id.replace(/-/g, '_')));
});

describe('a new guide file is a new prompt, with nothing else edited', () => {
  let directory: string;
  const id = 'zz-archive-notes';
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'freddy-mcp-guides-'));
    cpSync(guidesDirectory, directory, { recursive: true });
    const source = readFileSync(join(guidesDirectory, 'delete-a-thread.arazzo.yaml'), 'utf8');
    writeFileSync(
      join(directory, `${id}.arazzo.yaml`),
      source
        .replace('workflowId: delete-a-thread', `workflowId: ${id}`)
        .replace('title: Delete a thread', 'title: Archive notes')
        // A new guide takes a place of its own in the reading order: after the others.
        .replace(/x-reading-order: \d+/, `x-reading-order: ${guides.length + 1}`),
    );
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('in process', () => {
    const prompts = promptDefinitions(describeGuides({ directory, contract }), tools);
    expect(prompts).toHaveLength(guides.length + 1);
    expect(prompts.find((prompt) => prompt.name === 'zz_archive_notes')).toMatchObject({
      title: 'Archive notes',
      tools: ['create_thread', 'delete_thread', 'retrieve_thread'],
    });
  });

  test('through the build script: generated/prompts.ts beside tools.ts', () => {
    const out = mkdtempSync(join(tmpdir(), 'freddy-mcp-generate-'));
    try {
      const script = fileURLToPath(new URL('../scripts/generate-tools.ts', import.meta.url));
      const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
      const bundle = fileURLToPath(new URL('../../../spec/dist/openapi.json', import.meta.url));
      execFileSync(tsx, [script, bundle, join(out, 'tools.ts'), directory], { stdio: 'pipe' });
      const written = readFileSync(join(out, 'prompts.ts'), 'utf8');
      expect(written).toContain('"name": "zz_archive_notes"');
      expect(written).toContain(`"title": "Archive notes"`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('what it refuses, naming the guide and the step', () => {
  const guide = guides.find((candidate) => candidate.steps.some((step) => step.operationId === 'createThread'))!;
  const index = guide.steps.findIndex((step) => step.operationId === 'createThread');
  const changed = (change: (step: GuideStep) => GuideStep): Guide => ({
    ...guide,
    steps: guide.steps.map((step, at) => (at === index ? change(step) : step)),
  });
  const where = `Guide ${guide.id}, step ${guide.steps[index]!.id}`;
  const secret = guide.inputs.find((input) => input.secret)!;

  test.each<[string, (step: GuideStep) => GuideStep, string]>([
    [
      'the API key sent as an argument',
      (step) => ({ ...step, request: { ...step.request, body: { title: `$inputs.${secret.name}` } } }),
      `sends the input ${secret.name}, which a prompt never asks for`,
    ],
    [
      'a body property the tool does not take',
      (step) => ({ ...step, request: { ...step.request, body: { zz_colour: 'blue' } } }),
      'create_thread has no body argument zz_colour',
    ],
    [
      'a header no argument carries',
      (step) => ({ ...step, request: { parameters: [{ name: 'X-Zz-Trace', in: 'header', value: '1' }] } }),
      'create_thread has no argument for the header X-Zz-Trace',
    ],
    [
      'an expression inside text',
      (step) => ({ ...step, request: { ...step.request, body: { title: 'Notes for $inputs.zz' } } }),
      'Notes for $inputs.zz mixes an expression with text',
    ],
    [
      'a criterion it cannot say',
      (step) => ({ ...step, successCriteria: [...step.successCriteria, '$response.body#/title ~ "x"'] }),
      'cannot say the criterion',
    ],
  ])('%s', (_, change, message) => {
    expect(() => promptDefinitions([changed(change)], tools)).toThrow(`${where}: ${message}`);
  });

  test('a criterion on a header is left out: a tool result carries none', () => {
    const [prompt] = promptDefinitions(
      [
        changed((step) => ({
          ...step,
          successCriteria: [...step.successCriteria, "$response.header.Zz-Probe == 'yes'"],
        })),
      ],
      tools,
    );
    expect(prompt!.text).not.toContain('Zz-Probe');
    expect(promptDefinitions([guide], tools)[0]!.text).toBe(prompt!.text);
  });
});
