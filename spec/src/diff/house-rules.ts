/**
 * The house rules on top of Redocly's classification:
 *  - a breaking (major) change needs a major bump of `info.version`;
 *  - the published packages need a changeset at least at the computed level
 *    (a breaking change without one fails; a missing one for a non-breaking
 *    change is a warning, since it breaks no consumer);
 *  - an operation, path, parameter or property may be removed only when the
 *    base marked it `deprecated: true` with an `x-sunset` date that has come.
 */
import type { Contract, ContractOperation } from '../contract.js';
import type { ChangeSite } from './affected.js';
import type { Changeset } from './changesets.js';
import type { Bump, DiffChange, Impact } from './redocly-diff.js';

const PUBLISHED_PACKAGES = ['@freddy/types', '@freddy/client'] as const;

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };
const REMOVAL_RULES = new Set(['property-removed', 'operation-removed', 'path-removed', 'parameter-removed']);

export interface SitedChange {
  change: DiffChange;
  site: ChangeSite;
}

export interface Finding {
  rule: 'major-version' | 'changeset-level' | 'removal-sunset';
  severity: 'error' | 'warning';
  message: string;
  /** The change the finding is about, when it is about one. */
  change?: SitedChange;
}

export interface HouseRulesInput {
  changes: SitedChange[];
  versions: { base: string; revision: string };
  /** The contract at BASE: what a removed operation was. */
  baseContract: Contract;
  /** The changesets the branch adds. */
  changesets: Changeset[];
  now: Date;
}

function highestBump(impacts: Iterable<Impact>): Bump {
  let level: Bump = 'none';
  for (const impact of impacts) if (RANK[impact] > RANK[level]) level = impact;
  return level;
}

export function applyHouseRules(input: HouseRulesInput): { level: Bump; findings: Finding[] } {
  const level = highestBump(input.changes.map(({ change }) => change.impact));
  const findings = [
    ...versionFindings(level, input.versions),
    ...changesetFindings(level, input.changesets),
    ...input.changes.flatMap((sited) => removalFindings(sited, input.baseContract, input.now)),
  ];
  return { level, findings };
}

function versionFindings(level: Bump, versions: HouseRulesInput['versions']): Finding[] {
  if (level !== 'major') return [];
  if (majorOf(versions.revision) > majorOf(versions.base)) return [];
  return [
    {
      rule: 'major-version',
      severity: 'error',
      message: `A breaking change needs a major bump of info.version: it is ${versions.revision}, the base is ${versions.base}.`,
    },
  ];
}

function majorOf(version: string): number {
  const major = version.match(/^(\d+)\./)?.[1];
  if (major === undefined) throw new Error(`info.version ${version} is not a semver version`);
  return Number(major);
}

function changesetFindings(level: Bump, changesets: Changeset[]): Finding[] {
  if (level === 'none') return [];
  const findings: Finding[] = [];
  for (const name of PUBLISHED_PACKAGES) {
    const asked = highestBump(changesets.flatMap((changeset) => changeset.releases[name] ?? []));
    if (RANK[asked] >= RANK[level]) continue;
    const missing = asked === 'none';
    findings.push({
      rule: 'changeset-level',
      severity: missing && level !== 'major' ? 'warning' : 'error',
      message: missing
        ? `No changeset releases ${name}; this change needs a ${level} one (\`pnpm changeset\`).`
        : `The changesets release ${name} as ${asked}; this change needs ${level}.`,
    });
  }
  return findings;
}

function removalFindings(sited: SitedChange, baseContract: Contract, now: Date): Finding[] {
  const removal = sited.change.verdicts.find((verdict) => REMOVAL_RULES.has(verdict.ruleId));
  if (!removal) return [];
  // A removed or renamed path takes its operations along: each must have been deprecated.
  const removed =
    removal.ruleId === 'path-removed' || removal.ruleId === 'operation-removed'
      ? sited.site.operations.map((operation) => baseOperation(baseContract, operation))
      : [sited.change.base?.value];
  if (removed.length === 0) removed.push(undefined);
  const refusals = removed.map((node) => sunsetRefusal(node, now)).filter((refusal) => refusal !== undefined);
  if (refusals.length === 0) return [];
  return [
    {
      rule: 'removal-sunset',
      severity: 'error',
      message: `${removal.message} Only what the base marks \`deprecated: true\` with an \`x-sunset\` date that has come may be removed: ${refusals[0]}.`,
      change: sited,
    },
  ];
}

/** The operation object at BASE (`#/paths/~1threads~1{thread_id}/delete`), with its extensions; undefined if BASE has none. */
function baseOperation(baseContract: Contract, operation: ContractOperation): unknown {
  const path = operation.path.replace(/~/g, '~0').replace(/\//g, '~1');
  try {
    return baseContract.resolve({ $ref: `#/paths/${path}/${operation.method.toLowerCase()}` });
  } catch {
    return undefined;
  }
}

function field(node: unknown, name: string): unknown {
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[name] : undefined;
}

/** Why the removed node may not go yet; undefined when it may. */
function sunsetRefusal(node: unknown, now: Date): string | undefined {
  if (field(node, 'deprecated') !== true) return 'it was not deprecated';
  const sunset = sunsetDate(field(node, 'x-sunset'));
  if (!sunset) return 'it was deprecated without an `x-sunset` date';
  if (sunset.getTime() > now.getTime()) return `its sunset is ${sunset.toISOString().slice(0, 10)}, still to come`;
  return undefined;
}

/** An `x-sunset` value as a date: `YYYY-MM-DD` (YAML may hand it over as a timestamp string). */
function sunsetDate(value: unknown): Date | undefined {
  const text = value instanceof Date ? value.toISOString() : value;
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}(T|$)/.test(text)) return undefined;
  const date = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
