/**
 * Runs the pinned Redocly CLI's `redocly diff` (2.76.0, `diff-recommended`
 * rules from `redocly.diff.yaml`) on two API descriptions and returns its JSON
 * report, typed. The release exposes no diff API to import, so the gate
 * spawns its binary; everything else about a change is read from this report.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

export type Impact = 'major' | 'minor' | 'patch';
/** The semver bump a set of changes requires; `none` when nothing changed. */
export type Bump = Impact | 'none';

interface DiffLocation {
  /** Absolute path of the source file (the report's own paths are relative to the working directory). */
  file: string;
  /** JSON pointer inside that file. */
  pointer: string;
  line: number;
  col: number;
}

interface DiffSide extends DiffLocation {
  value?: unknown;
}

interface DiffVerdict {
  /** A `diff-recommended` rule id, e.g. `property-removed`. */
  ruleId: string;
  impact: Impact;
  message: string;
  location?: DiffLocation;
}

export interface DiffChange {
  /** Where the change is first reached from `paths`, e.g. `#/paths/~1threads/get/responses/200/…`. */
  path: string;
  typeName: string;
  kind: 'added' | 'removed' | 'modified';
  impact: Impact;
  verdicts: DiffVerdict[];
  /** For `modified`: the keyword that changed (`type`, `required`, `enum`, …). */
  property?: string;
  base?: DiffSide;
  revision?: DiffSide;
}

export interface DiffReport {
  infoVersions: { base: string; revision: string };
  bump: Bump;
  changes: DiffChange[];
}

const cliBin = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');
const run = promisify(execFile);

export interface RedoclyDiffInput {
  /** Root files (`openapi.yaml`) of the two descriptions; `$ref`s are followed, so locations name source files. */
  base: string;
  revision: string;
  /** The Redocly config that turns the diff rules on. */
  config: string;
}

export async function runRedoclyDiff({ base, revision, config }: RedoclyDiffInput): Promise<DiffReport> {
  const out = mkdtempSync(join(tmpdir(), 'freddy-redocly-diff-'));
  const cwd = out;
  try {
    const report = join(out, 'report.json');
    const args = [cliBin, 'diff', base, revision, '--config', config, '--format', 'json', '-o', report];
    // `--fail-on none`: the house rules decide the exit code, not the classifier.
    await run(process.execPath, [...args, '--fail-on', 'none'], {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`redocly diff failed: ${error.stderr || error.message}`);
    });
    return normalize(JSON.parse(readFileSync(report, 'utf8')) as DiffReport, cwd);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The report names files relative to the CLI's working directory; make them absolute. */
function normalize(report: DiffReport, cwd: string): DiffReport {
  const absolute = <T extends DiffLocation | undefined>(location: T): T =>
    location ? { ...location, file: resolve(cwd, location.file) } : location;
  return {
    infoVersions: report.infoVersions,
    bump: report.bump,
    changes: report.changes.map((change) => ({
      ...change,
      verdicts: change.verdicts.map((verdict) => ({ ...verdict, location: absolute(verdict.location) })),
      base: absolute(change.base),
      revision: absolute(change.revision),
    })),
  };
}
