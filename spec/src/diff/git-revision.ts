/**
 * The spec as it was at a git revision, extracted into a temporary folder
 * (`git archive`), because the pinned Redocly release cannot read a revision
 * directly. Also: which revision "the base" is when none is named.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function git(repo: string, args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function repositoryRoot(from: string): string {
  return git(from, ['rev-parse', '--show-toplevel']);
}

/** The merge base of HEAD with `origin/main`, else with `main`. */
export function defaultBase(repo: string): string {
  for (const branch of ['origin/main', 'main']) {
    try {
      return git(repo, ['merge-base', 'HEAD', branch]);
    } catch {
      // No such branch here (a fresh clone of a fork, a repository without a remote): try the next.
    }
  }
  throw new Error('No base given and neither origin/main nor main exists: pass one, e.g. `pnpm spec:diff <commit>`');
}

/** Extracts the folders that exist at `revision` into a new temporary folder and returns it. */
export function extractRevision(repo: string, revision: string, folders: readonly string[]): string {
  const commit = git(repo, ['rev-parse', '--verify', `${revision}^{commit}`]);
  const present = folders.filter((folder) => git(repo, ['ls-tree', '--name-only', commit, folder]) !== '');
  const into = mkdtempSync(join(tmpdir(), 'freddy-spec-base-'));
  if (present.length === 0) return into;
  const tarball = execFileSync('git', ['archive', '--format=tar', commit, ...present], {
    cwd: repo,
    maxBuffer: 256 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', into], { input: tarball });
  return into;
}
