/**
 * `pnpm spec:diff [BASE]`: the spec at BASE (from git) against a working
 * spec folder, classified by `redocly diff`, located in the contract, and
 * judged by the house rules. Rendering is `render.ts`'s job.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { locateChange } from './affected.js';
import { bundleContract } from './bundle.js';
import { addedChangesets, type Changeset } from './changesets.js';
import { extractRevision } from './git-revision.js';
import { applyHouseRules, type Finding, type SitedChange } from './house-rules.js';
import { type Bump, runRedoclyDiff } from './redocly-diff.js';

export interface GateOptions {
  /** The git repository BASE is read from. */
  repo: string;
  /** A commit-ish of `repo`. */
  base: string;
  /** Where the spec lives in the repository (at BASE): `spec` by default. */
  specPath?: string;
  /** The spec folder to judge; `<repo>/<specPath>` by default. */
  specDir?: string;
  /** The changesets folder of the working tree; `<repo>/.changeset` by default. */
  changesetDir?: string;
  /** What "today" is for sunset dates. */
  now?: Date;
}

export interface GateResult {
  base: string;
  versions: { base: string; revision: string };
  /** The computed bump: the highest impact of any change. */
  level: Bump;
  changes: SitedChange[];
  changesets: Changeset[];
  findings: Finding[];
  /** True when no finding is an error: the exit code is 0. */
  ok: boolean;
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const specPath = options.specPath ?? 'spec';
  const specDir = options.specDir ?? join(options.repo, specPath);
  const changesetDir = options.changesetDir ?? join(options.repo, '.changeset');
  // The same layout as the working tree: the spec folder and the changesets, at BASE.
  const baseRoot = extractRevision(options.repo, options.base, [specPath, '.changeset']);
  try {
    const baseSpecDir = join(baseRoot, specPath);
    const [baseContract, revisionContract] = await Promise.all([bundleContract(baseSpecDir), bundleContract(specDir)]);
    const report = await runRedoclyDiff({
      base: join(baseSpecDir, 'openapi.yaml'),
      revision: join(specDir, 'openapi.yaml'),
      config: join(specDir, 'redocly.diff.yaml'),
    });
    const sides = {
      base: { contract: baseContract, specDir: baseSpecDir },
      revision: { contract: revisionContract, specDir },
    };
    const changes = report.changes.map((change) => ({ change, site: locateChange(change, sides) }));
    const changesets = addedChangesets(changesetDir, join(baseRoot, '.changeset'));
    const versions = { base: baseContract.version, revision: revisionContract.version };
    const { level, findings } = applyHouseRules({
      changes,
      versions,
      baseContract,
      changesets,
      now: options.now ?? new Date(),
    });
    return {
      base: options.base,
      versions,
      level,
      changes,
      changesets,
      findings,
      ok: findings.every((finding) => finding.severity !== 'error'),
    };
  } finally {
    rmSync(baseRoot, { recursive: true, force: true });
  }
}
