/**
 * Every package the release publishes (each workspace package.json without
 * `"private": true`, found from pnpm-workspace.yaml's globs, so a new package
 * is checked without being listed here) says where its source is, and takes
 * its runtime dependencies as caret ranges.
 */
import { globSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Manifest, manifestProblems, repositoryWebUrl } from './support/manifest-rules.js';

const root = join(import.meta.dirname, '../../..');
const readManifest = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Manifest;

const { packages: patterns } = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages: string[] };
const workspace = patterns
  .flatMap((pattern) => globSync(`${pattern}/package.json`, { cwd: root }))
  .map((file) => ({ dir: dirname(file), manifest: readManifest(file) }));
const published = workspace.filter(({ manifest }) => manifest.private !== true);
const repository = repositoryWebUrl(readManifest('package.json'));

describe('the published package.json files', () => {
  it('are found by the workspace globs, and the private ones left out', () => {
    // The four the README names; the check itself reads whatever the globs find.
    expect(published.map(({ manifest }) => manifest.name)).toEqual(
      expect.arrayContaining(['@freddy/types', '@freddy/client', '@freddy/sandbox', '@freddy/mcp']),
    );
    expect(published.map(({ manifest }) => manifest.name)).not.toContain('@freddy/spec');
  });

  it.each(published.map(({ dir, manifest }) => [manifest.name, dir, manifest] as const))(
    '%s names its repository, folder, homepage, bugs and keywords, publishes with provenance, and depends by caret ranges',
    (_name, dir, manifest) => {
      expect(manifestProblems(manifest, dir, repository)).toEqual([]);
    },
  );

  it('the repository is the root package.json’s, on GitHub', () => {
    expect(repository).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
  });
});

describe('the check itself', () => {
  const [{ dir, manifest }] = published as [{ dir: string; manifest: Manifest }];

  it('catches an exact pin, a workspace:* (published exact) and a catalog: dependency', () => {
    const pinned = { ...manifest, dependencies: { ajv: '8.20.0', '@freddy/types': 'workspace:*', tsup: 'catalog:' } };
    expect(manifestProblems(pinned, dir, repository)).toEqual([
      `${manifest.name}: dependencies.ajv is 8.20.0, not a caret range (^x.y.z or workspace:^)`,
      `${manifest.name}: dependencies.@freddy/types is workspace:*, not a caret range (^x.y.z or workspace:^)`,
      `${manifest.name}: dependencies.tsup is catalog:, not a caret range (^x.y.z or workspace:^)`,
    ]);
    expect(manifestProblems({ ...manifest, dependencies: { ajv: '~8.20.0' } }, dir, repository)).toHaveLength(1);
    expect(manifestProblems({ ...manifest, dependencies: { ajv: '^8.20.0' } }, dir, repository)).toEqual([]);
  });

  it('catches a missing repository, a repository without its folder, and missing homepage, bugs, keywords and provenance', () => {
    const { repository: _r, homepage: _h, bugs: _b, keywords: _k, publishConfig: _p, ...bare } = manifest;
    expect(manifestProblems(bare, dir, repository)).toEqual([
      `${manifest.name}: no repository object`,
      `${manifest.name}: homepage is undefined, not ${repository}/tree/main/${dir}#readme`,
      `${manifest.name}: bugs.url is undefined, not ${repository}/issues`,
      `${manifest.name}: keywords must be a non-empty list of words`,
      `${manifest.name}: publishConfig must be { access: public, provenance: true }`,
    ]);
    const noFolder = { ...manifest, repository: { type: 'git', url: `git+${repository}.git` } };
    expect(manifestProblems(noFolder, dir, repository)).toEqual([
      `${manifest.name}: repository.directory is undefined, not ${dir}`,
    ]);
  });
});
