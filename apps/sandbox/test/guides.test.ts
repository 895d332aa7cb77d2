/**
 * Every guide of the spec (`spec/guides/*.arazzo.yaml`, read through
 * `describeGuides()`) runs as it is with the pinned Redocly CLI's
 * `redocly respect` against a fresh reference server, and passes: each step's
 * status and fields are what the guide says, and each answer matches the
 * contract (respect checks status, content type and schema on its own). A
 * guide whose workflow no longer passes fails here: a copy of a guide that
 * expects another status runs in the same `respect` and is reported failed.
 *
 * `respect` runs once, spawned, for every guide and the failing copy: the
 * CLI bundles its own respect-core (the registry's `@redocly/respect-core`
 * stops at 2.37.0, far behind the CLI's 2.76.0), so an in-process run would
 * judge with another engine than `redocly respect` does. The spec cannot run
 * them (the sandbox depends on the spec, not the other way round), so they
 * run here, where both are.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeGuides, type Guide } from '@freddy/spec/guides';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { suiteSandbox } from './helpers.js';

const cli = fileURLToPath(new URL('bin/cli.js', import.meta.resolve('@redocly/cli/package.json')));
const guides = describeGuides();

/** What `respect --json-output` writes, as far as these tests read it. */
interface RespectReport {
  files: Record<string, { executedWorkflows: ExecutedWorkflow[] }>;
}
interface ExecutedWorkflow {
  workflowId: string;
  status: 'success' | 'error' | string;
  executedSteps: { stepId?: string; status: string; checks: { name: string; passed: boolean; message: string }[] }[];
}

interface RespectRun {
  /** The report's workflows by the absolute path of their file. */
  byFile: Map<string, ExecutedWorkflow[]>;
  exitCode: number;
  /** Everything respect printed and wrote. */
  output: string;
}

/**
 * A copy of `guide` whose first step expects a status its answer does not have, in `dir`, with its source
 * pointed at the real contract so it runs as the guide does.
 */
function failingCopy(guide: Guide, dir: string): { file: string; expected: string } {
  const doc = parse(readFileSync(guide.file, 'utf8'));
  const [step] = doc.workflows[0].steps;
  const status = step.successCriteria.find((criterion: { condition: string }) =>
    criterion.condition.startsWith('$statusCode'),
  );
  const expected = `$statusCode == ${Number(status.condition.match(/\d{3}/)[0]) + 1}`;
  status.condition = expected;
  doc.sourceDescriptions[0].url = resolve(dirname(guide.file), guide.source.url);
  const file = join(dir, basename(guide.file));
  writeFileSync(file, stringify(doc));
  return { file, expected };
}

/**
 * The values each guide's inputs take: the key for a secret, else a value of this run alone (a guide that
 * must see only its own threads takes such a value, so it can run again on the same server).
 */
function inputsFor(apiKey: string): string[] {
  const names = new Map(guides.flatMap((guide) => guide.inputs.map((input) => [input.name, input.secret])));
  return [...names].map(([name, secret]) => `${name}=${secret ? apiKey : `${name}-${randomUUID()}`}`);
}

/** Runs `redocly respect` once on `files`, every guide's source pointed at `baseUrl`. */
function respect(files: string[], baseUrl: string, apiKey: string, work: string): Promise<RespectRun> {
  const report = join(work, 'respect.json');
  const sources = [...new Set(guides.map((guide) => guide.source.name))];
  const args = [
    cli,
    'respect',
    ...files,
    ...sources.flatMap((name) => ['--server', `${name}=${baseUrl}`]),
    ...inputsFor(apiKey).flatMap((input) => ['--input', input]),
    '--json-output',
    report,
  ];
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: work,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        let written: string;
        try {
          written = readFileSync(report, 'utf8');
        } catch {
          fail(new Error(`respect wrote no report: ${stderr || stdout || error?.message}`));
          return;
        }
        const parsed = JSON.parse(written) as RespectReport;
        const byFile = new Map(
          Object.entries(parsed.files).map(([file, result]) => [resolve(work, file), result.executedWorkflows]),
        );
        done({ byFile, exitCode: typeof error?.code === 'number' ? error.code : 0, output: stdout + stderr + written });
      },
    );
  });
}

/** The failed checks of a workflow, as `step: check: message` lines. */
function failures(workflow: ExecutedWorkflow): string[] {
  return workflow.executedSteps.flatMap((step) =>
    step.checks
      .filter((check) => !check.passed)
      .map((check) => `${step.stepId ?? '?'}: ${check.name}: ${check.message}`),
  );
}

describe('the guides, run by redocly respect against a fresh reference server', () => {
  const sandbox = suiteSandbox();
  const work = mkdtempSync(join(tmpdir(), 'freddy-guides-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const broken = failingCopy(guides[0]!, work);
  let run: RespectRun;

  beforeAll(async () => {
    run = await respect([...guides.map((guide) => guide.file), broken.file], sandbox.url, apiKey(), work);
  });
  const apiKey = () => sandbox.credentials.demo.apiKey;

  it.each(guides.map((guide) => [guide.id, guide] as const))('%s passes, every step of it', (_id, guide) => {
    const [workflow, ...more] = run.byFile.get(guide.file) ?? [];
    expect(more).toEqual([]);
    expect(workflow?.workflowId).toBe(guide.id);
    expect(failures(workflow!)).toEqual([]);
    expect(workflow?.status).toBe('success');
    expect(workflow?.executedSteps.map((step) => [step.stepId, step.status])).toEqual(
      guide.steps.map((step) => [step.id, 'success']),
    );
  });

  it('reports a guide that expects another answer as failed, at that step and check, and exits non-zero', () => {
    const [workflow] = run.byFile.get(broken.file) ?? [];
    expect(workflow?.workflowId).toBe(guides[0]!.id);
    expect(workflow?.status).not.toBe('success');
    expect(failures(workflow!)).toContainEqual(
      expect.stringContaining(`${guides[0]!.steps[0]!.id}: success criteria check`),
    );
    expect(run.byFile.get(broken.file)?.[0]?.executedSteps[0]?.checks).toContainEqual(
      expect.objectContaining({ passed: false, message: expect.stringContaining(broken.expected) }),
    );
    expect(run.exitCode).not.toBe(0);
  });

  it('never shows the API key: not in what respect prints, nor in its report', () => {
    expect(run.output.length).toBeGreaterThan(0);
    expect(run.output).toContain('Bearer ********');
    expect(run.output).not.toContain(apiKey());
  });
});
