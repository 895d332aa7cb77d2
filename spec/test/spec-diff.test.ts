/**
 * The breaking-change gate (`pnpm spec:diff`) on a fixture repository made
 * here: the contract committed as `main` (plus two branches where
 * `Thread.messageCount` is deprecated with a sunset), and one working copy of
 * the spec per case, changed once. Every case runs `runGate()`, the function
 * the command calls: BASE extracted from git, both sides bundled, the pinned
 * `redocly diff` spawned, the house rules applied. One more test runs the
 * command itself. Nothing depends on this checkout's git history.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GateResult, runGate } from '../src/diff/gate.js';
import { renderAnnotations, renderMarkdown, renderText } from '../src/diff/render.js';
import {
  type Base,
  deprecateMessageCount,
  editYaml,
  FIXTURE_CASES,
  type FixtureCase,
  NOW,
  SUNSETS,
} from './spec-diff-fixtures.js';

const specSource = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC_FILES = ['openapi.yaml', 'redocly.yaml', 'redocly.diff.yaml', 'plugins', 'paths', 'components'];

let root: string;
let repo: string;
const baseSpecs = {} as Record<Base, string>;
const results = new Map<string, GateResult>();

function git(args: string[], cwd = repo): string {
  return execFileSync('git', ['-c', 'user.name=fixture', '-c', 'user.email=fixture@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function copySpec(from: string, to: string): void {
  for (const entry of SPEC_FILES) cpSync(join(from, entry), join(to, entry), { recursive: true });
}

async function runCase(fixture: FixtureCase, index: number): Promise<GateResult> {
  const dir = join(root, `case-${index}`);
  const specDir = join(dir, 'spec');
  copySpec(baseSpecs[fixture.base ?? 'main'], specDir);
  fixture.change(specDir);
  const changesetDir = join(dir, '.changeset');
  mkdirSync(changesetDir, { recursive: true });
  for (const [file, releases] of Object.entries(fixture.changesets ?? {})) {
    const front = Object.entries(releases).map(([name, level]) => `"${name}": ${level}`);
    writeFileSync(join(changesetDir, file), `---\n${front.join('\n')}\n---\n\n${fixture.name}\n`);
  }
  return runGate({ repo, base: fixture.base ?? 'main', specDir, changesetDir, now: NOW });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'freddy-spec-diff-'));
  repo = join(root, 'repo');
  copySpec(specSource, join(repo, 'spec'));
  git(['init', '-q', '-b', 'main'], root.concat('/repo'));
  git(['add', '.']);
  git(['commit', '-q', '-m', 'base contract']);
  baseSpecs.main = join(root, 'base-main');
  copySpec(join(repo, 'spec'), baseSpecs.main);
  for (const [branch, sunset] of Object.entries(SUNSETS) as [Exclude<Base, 'main'>, string][]) {
    git(['checkout', '-q', '-b', branch, 'main']);
    deprecateMessageCount(join(repo, 'spec'), sunset);
    git(['commit', '-q', '-am', `deprecate messageCount, sunset ${sunset}`]);
    baseSpecs[branch] = join(root, `base-${branch}`);
    copySpec(join(repo, 'spec'), baseSpecs[branch]);
  }
  git(['checkout', '-q', 'main']);
  // Two at a time: each case spawns the Redocly CLI once.
  const queue = FIXTURE_CASES.map((fixture, index) => ({ fixture, index }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      results.set(next.fixture.name, await runCase(next.fixture, next.index));
    }
  };
  await Promise.all([worker(), worker()]);
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('the verdict of each single change', () => {
  test.each(FIXTURE_CASES.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const result = results.get(fixture.name)!;
    const report = renderText(result);
    expect({ ok: result.ok, level: result.level }, report).toEqual({
      ok: fixture.expect.ok,
      level: fixture.expect.level,
    });
    const rules = result.changes.flatMap(({ change }) => change.verdicts.map((verdict) => verdict.ruleId));
    for (const rule of fixture.expect.rules ?? []) expect(rules, report).toContain(rule);
    const errors = result.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.rule);
    for (const rule of fixture.expect.errors ?? []) expect(errors, report).toContain(rule);
    if (fixture.expect.ok) expect(errors, report).toEqual([]);
  });
});

describe('the report', () => {
  test('names the removed property, where it was, and every operation that returns it', () => {
    const result = results.get('remove a response property')!;
    const text = renderText(result);
    expect(text).toContain('Property `messageCount` was removed.');
    expect(text).toContain('components/schemas/Thread.yaml');
    for (const id of ['listThreads', 'createThread', 'retrieveThread', 'updateThread', 'updateThreadMetadata']) {
      expect(text).toContain(id);
    }
    expect(text).toMatch(/^FAIL/m);
    expect(renderMarkdown(result)).toContain('🔴 breaking');
    expect(renderAnnotations(result)).toMatch(
      /^::error file=spec\/components\/schemas\/Thread\.yaml,line=\d+,title=spec%3Adiff removal-sunset::/m,
    );
  });

  test('says a non-breaking change is not breaking, and that it wants a changeset', () => {
    const text = renderText(results.get('add an optional request property')!);
    expect(text).toContain('non-breaking (minor)  Property `projectId` was added.');
    expect(text).toContain('POST /threads → request body: projectId');
    expect(text).toContain('PASS: no change is breaking.');
    expect(text).toContain('No changeset releases @freddy/types; this change needs a minor one');
  });
});

describe('the command', () => {
  test('`spec:diff main` exits 1 on a branch that removes a property, and 0 once it is undone', async () => {
    const cli = join(specSource, 'scripts/spec-diff.ts');
    const tsx = join(specSource, 'node_modules/.bin/tsx');
    const run = (cwd: string) =>
      promisify(execFile)(tsx, [cli, 'main'], { cwd, env: { ...process.env, GITHUB_ACTIONS: '' } });
    git(['checkout', '-q', '-b', 'drop-message-count', 'main']);
    editYaml(join(repo, 'spec'), 'components/schemas/Thread.yaml', (thread) => {
      delete thread.properties.messageCount;
    });
    const failed = await run(repo).catch((error: { code: number; stdout: string }) => error);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stdout).toContain('Property `messageCount` was removed.');
    git(['checkout', '-q', '--', '.']);
    const passed = await run(repo);
    expect(passed.stdout).toContain('PASS: the contract did not change.');
  });
});
