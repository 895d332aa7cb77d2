/**
 * What `changeset version` will release: a release of a package also releases
 * every published package that depends on it (the MCP server with each client
 * release, so its tools, generated from the same contract, follow it). With
 * runtime dependencies as caret ranges (`workspace:^`) Changesets would bump a
 * dependent only when the new version leaves its range; `.changeset/config.json`
 * says "always". Run by the Changesets CLI on a copy of the workspace's
 * manifests and Changesets config, in a scratch git repository.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, globSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../../..');
const changesetBin = join(root, 'node_modules/@changesets/cli/bin.js');
const scratch = mkdtempSync(join(tmpdir(), 'freddy-release-plan-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
}
const { packages: patterns } = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages: string[] };
const manifestFiles = patterns.flatMap((pattern) => globSync(`${pattern}/package.json`, { cwd: root }));
const manifests = manifestFiles.map((file) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Manifest);
const published = manifests.filter((m) => m.private !== true);
const names = new Set(manifests.map((m) => m.name));
/** [dependency, dependent]: each published package's runtime dependency on another workspace package. */
const edges = published.flatMap((dependent) =>
  Object.keys(dependent.dependencies ?? {})
    .filter((name) => names.has(name))
    .map((dependency) => [dependency, dependent.name] as const),
);

let runs = 0;
/** The release type of each package after one patch changeset for `name`, under the given Changesets config. */
function releasesAfterPatchOf(name: string, config: object): Record<string, string> {
  const dir = join(scratch, String(runs++));
  for (const file of ['package.json', 'pnpm-workspace.yaml', ...manifestFiles]) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file));
  }
  mkdirSync(join(dir, '.changeset'));
  writeFileSync(join(dir, '.changeset/config.json'), JSON.stringify(config));
  writeFileSync(join(dir, '.changeset/fix.md'), `---\n"${name}": patch\n---\n\nA fix.\n`);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  // Whatever the machine's git config says about signing or hooks, this commit is plain.
  const plain = ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];
  git(...plain, 'commit', '-q', '--no-verify', '-m', 'workspace');
  execFileSync(process.execPath, [changesetBin, 'status', '--output=plan.json'], { cwd: dir, stdio: 'pipe' });
  const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as {
    releases: { name: string; type: string }[];
  };
  return Object.fromEntries(plan.releases.map((release) => [release.name, release.type]));
}

const config = JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8')) as Record<string, unknown>;

describe('the release plan', () => {
  it('has published packages that depend on others here (the MCP server on the client)', () => {
    expect(edges).toContainEqual(['@freddy/client', '@freddy/mcp']);
  });

  it.each(edges)('a patch of %s releases %s', (dependency, dependent) => {
    expect(releasesAfterPatchOf(dependency, config)[dependent]).toMatch(/^(patch|minor|major)$/);
  });

  it('would leave the dependent out without "always" (a caret range still holds the new version)', () => {
    const { ___experimentalUnsafeOptions_WILL_CHANGE_IN_PATCH: _always, ...withoutAlways } = config;
    expect(releasesAfterPatchOf('@freddy/client', withoutAlways)['@freddy/mcp']).toBeUndefined();
  });
});
