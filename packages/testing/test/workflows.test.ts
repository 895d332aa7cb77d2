/**
 * The GitHub workflows: every third-party action pinned by commit SHA with its
 * version beside it, least permissions, and the release published by npm
 * trusted publishing (the job's OIDC token, no npm token secret).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workflowProblems } from './support/workflow-rules.js';

const workflowsDir = join(import.meta.dirname, '../../../.github/workflows');
const workflows = readdirSync(workflowsDir)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => ({ file, source: readFileSync(join(workflowsDir, file), 'utf8') }));

type Job = { permissions?: Record<string, string>; steps?: { uses?: string; run?: string }[] };
const jobsOf = (source: string) => Object.entries((parse(source) as { jobs: Record<string, Job> }).jobs);

describe('every workflow', () => {
  it('is found', () => {
    expect(workflows.map(({ file }) => file)).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']));
  });

  it.each(workflows.map(({ file, source }) => [file, source] as const))(
    '%s pins each action by commit SHA with its version, and states read-only top-level permissions',
    (file, source) => {
      expect(workflowProblems(source, file)).toEqual([]);
    },
  );

  it('uses no npm token: publishing is by trusted publishing only', () => {
    for (const { file, source } of workflows) expect(source, file).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
  });

  it('gives an OIDC token (id-token: write) to the job that publishes, and to no other', () => {
    const withIdToken = workflows.flatMap(({ file, source }) =>
      jobsOf(source)
        .filter(([, job]) => job.permissions?.['id-token'] === 'write')
        .map(([id, job]) => ({ file, id, job })),
    );
    expect(withIdToken.map(({ file, id }) => `${file}#${id}`)).toEqual(['release.yml#publish']);
    const { job } = withIdToken[0]!;
    expect(job.steps?.some((step) => step.uses?.startsWith('changesets/action/publish@'))).toBe(true);
  });
});

describe('the check itself', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  const workflow = (permissions: string, uses: string) =>
    `name: x\non: push\n${permissions}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n      - run: echo\n`;

  it('passes a pinned action with its version and read-only permissions', () => {
    expect(
      workflowProblems(workflow('permissions:\n  contents: read\n', `actions/checkout@${sha} # v7.0.1`), 'x.yml'),
    ).toEqual([]);
  });

  it('catches an action pinned by tag or branch, or by SHA without its version', () => {
    const perms = 'permissions:\n  contents: read\n';
    expect(workflowProblems(workflow(perms, 'actions/checkout@v4'), 'x.yml')).toEqual([
      'x.yml: job a uses actions/checkout@v4, not pinned by a full commit SHA',
    ]);
    expect(workflowProblems(workflow(perms, 'actions/checkout@main'), 'x.yml')).toHaveLength(1);
    expect(workflowProblems(workflow(perms, `actions/checkout@${sha.slice(0, 7)} # v7`), 'x.yml')).toHaveLength(1);
    expect(workflowProblems(workflow(perms, `actions/checkout@${sha}`), 'x.yml')).toEqual([
      `x.yml: job a uses actions/checkout@${sha} without its version in a comment (# vX.Y.Z)`,
    ]);
  });

  it('catches a workflow without permissions, or with a write at the top', () => {
    const uses = `actions/checkout@${sha} # v7.0.1`;
    expect(workflowProblems(workflow('', uses), 'x.yml')).toEqual(['x.yml: no top-level permissions']);
    expect(workflowProblems(workflow('permissions:\n  contents: write\n', uses), 'x.yml')).toEqual([
      'x.yml: top-level permissions grant a write; widen them per job instead',
    ]);
    expect(workflowProblems(workflow('permissions: write-all\n', uses), 'x.yml')).toHaveLength(1);
  });

  it('lets through only actions of this repository and images by digest', () => {
    const perms = 'permissions: {}\n';
    expect(workflowProblems(workflow(perms, './.github/actions/setup'), 'x.yml')).toEqual([]);
    expect(workflowProblems(workflow(perms, `docker://alpine@sha256:${'a'.repeat(64)}`), 'x.yml')).toEqual([]);
    expect(workflowProblems(workflow(perms, 'docker://alpine:3'), 'x.yml')).toHaveLength(1);
  });
});
