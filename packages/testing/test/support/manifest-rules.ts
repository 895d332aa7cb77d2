/**
 * What a published package.json must say so that the first release works and
 * a consumer can take fixes without waiting for us: where the source is
 * (`repository` with the package's folder, which npm's provenance check
 * compares with the workflow's repository), `homepage`, `bugs`, `keywords`,
 * publishing with provenance (so a publish from anywhere but the release
 * workflow fails instead of going out unattested), and runtime dependencies as caret ranges, never exact pins.
 */

export interface Manifest {
  name?: string;
  private?: boolean;
  keywords?: unknown;
  homepage?: unknown;
  repository?: unknown;
  bugs?: unknown;
  publishConfig?: { access?: unknown; provenance?: unknown };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The repository as the root package.json states it, e.g. `https://github.com/owner/name`. */
export function repositoryWebUrl(root: Manifest): string {
  const url = (root.repository as { url?: unknown } | undefined)?.url;
  const match = typeof url === 'string' ? /^git\+(https:\/\/github\.com\/[^/]+\/[^/]+?)\.git$/.exec(url) : null;
  if (!match) throw new Error(`The root package.json needs repository.url as git+https://github.com/OWNER/NAME.git`);
  return match[1]!;
}

/**
 * `^1.2.3` from the registry, or `workspace:^` (pnpm publishes it as `^` and the
 * workspace package's version). An exact version, `workspace:*` (published as the
 * exact version), `catalog:` (the catalog's exact version), `~`, `*` or a tag is not.
 */
const CARET_RANGE = /^(\^\d+\.\d+\.\d+(-[\w.]+)?|workspace:\^)$/;

/** Every problem with one published manifest; `dir` is its folder relative to the repository root. */
export function manifestProblems(manifest: Manifest, dir: string, repository: string): string[] {
  const problems: string[] = [];
  const name = manifest.name ?? dir;
  const repo = manifest.repository as { type?: unknown; url?: unknown; directory?: unknown } | undefined;
  if (typeof repo !== 'object' || repo === null) problems.push(`${name}: no repository object`);
  else {
    if (repo.type !== 'git') problems.push(`${name}: repository.type is ${String(repo.type)}, not git`);
    if (repo.url !== `git+${repository}.git`)
      problems.push(`${name}: repository.url is ${String(repo.url)}, not git+${repository}.git`);
    if (repo.directory !== dir) problems.push(`${name}: repository.directory is ${String(repo.directory)}, not ${dir}`);
  }
  const homepage = `${repository}/tree/main/${dir}#readme`;
  if (manifest.homepage !== homepage)
    problems.push(`${name}: homepage is ${String(manifest.homepage)}, not ${homepage}`);
  const bugs = (manifest.bugs as { url?: unknown } | undefined)?.url;
  if (bugs !== `${repository}/issues`) problems.push(`${name}: bugs.url is ${String(bugs)}, not ${repository}/issues`);
  const { keywords } = manifest;
  if (!Array.isArray(keywords) || keywords.length === 0 || keywords.some((k) => typeof k !== 'string' || k === ''))
    problems.push(`${name}: keywords must be a non-empty list of words`);
  if (manifest.publishConfig?.provenance !== true || manifest.publishConfig.access !== 'public')
    problems.push(`${name}: publishConfig must be { access: public, provenance: true }`);
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    for (const [dependency, spec] of Object.entries(manifest[field] ?? {})) {
      if (!CARET_RANGE.test(spec))
        problems.push(`${name}: ${field}.${dependency} is ${spec}, not a caret range (^x.y.z or workspace:^)`);
    }
  }
  return problems;
}
