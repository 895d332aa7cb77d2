/**
 * The gate's result in three forms: plain text for a terminal, markdown for
 * a pull request's job summary, and GitHub workflow commands that annotate
 * the changed spec lines.
 */
import type { ContractOperation } from '../contract.js';
import type { GateResult } from './gate.js';
import type { Finding, SitedChange } from './house-rules.js';

const LABEL = { major: 'BREAKING', minor: 'non-breaking (minor)', patch: 'non-breaking (patch)' } as const;

function what(sited: SitedChange): string {
  const { change } = sited;
  const messages = change.verdicts.map((verdict) => verdict.message);
  if (messages.length > 0) return messages.join(' ');
  const property = change.path.match(/\/properties\/([^/]+)$/)?.[1];
  if (property && !change.property) return `Property \`${property}\` was ${change.kind}.`;
  return `${change.typeName} ${change.kind}${change.property ? `: ${change.property}` : ''}.`;
}

function rules(sited: SitedChange): string {
  return sited.change.verdicts.map((verdict) => verdict.ruleId).join(', ');
}

function operationName(operation: ContractOperation): string {
  return `${operation.id} (${operation.method} ${operation.path})`;
}

function firstPath(sited: SitedChange): string {
  const match = sited.change.path.match(/^#\/paths\/([^/]+)\/([a-z]+)/);
  if (!match?.[1] || !match[2]) return sited.site.where;
  return `${match[2].toUpperCase()} ${match[1].replace(/~1/g, '/').replace(/~0/g, '~')} → ${sited.site.where}`;
}

function source(sited: SitedChange): string {
  const { source, component } = sited.site;
  const at = source ? `${source.file}:${source.line}` : '';
  const inside = component ? `${component.replace(/^schemas\//, 'schema ').replace(/^(\w+)s\//, '$1 ')}` : '';
  return [at, inside && `(${inside})`].filter(Boolean).join(' ');
}

function verdictLine(result: GateResult): string {
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const breaking = result.changes.some(({ change }) => change.impact === 'major');
  if (!result.ok) return `FAIL: ${errors} problem${errors === 1 ? '' : 's'} (exit 1).`;
  if (result.changes.length === 0) return 'PASS: the contract did not change.';
  return breaking
    ? 'PASS: the breaking changes are allowed (major version, changesets, sunsets).'
    : 'PASS: no change is breaking.';
}

function headline(result: GateResult): string {
  const breaking = result.changes.filter(({ change }) => change.impact === 'major').length;
  return (
    `Contract ${result.base} (${result.versions.base}) → working tree (${result.versions.revision}): ` +
    `${result.changes.length} change${result.changes.length === 1 ? '' : 's'}, ${breaking} breaking; ` +
    `required release: ${result.level}.`
  );
}

export function renderText(result: GateResult): string {
  const lines = [headline(result), ''];
  for (const sited of result.changes) {
    const operations = sited.site.operations;
    lines.push(`${LABEL[sited.change.impact]}  ${what(sited)}${rules(sited) ? `  [${rules(sited)}]` : ''}`);
    if (source(sited)) lines.push(`    at        ${source(sited)}`);
    lines.push(`    where     ${firstPath(sited)}`);
    lines.push(
      `    affects   ${operations.length} operation${operations.length === 1 ? '' : 's'}: ${operations.map(operationName).join(', ') || 'none'}`,
    );
  }
  if (result.changes.length > 0) lines.push('');
  for (const finding of result.findings) lines.push(`${finding.severity === 'error' ? '✗' : '!'} ${finding.message}`);
  if (result.findings.length > 0) lines.push('');
  lines.push(verdictLine(result));
  return lines.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(result: GateResult): string {
  const lines = ['## Contract diff', '', headline(result), ''];
  if (result.changes.length > 0) {
    lines.push('| | Change | Operations affected | Where |', '| --- | --- | --- | --- |');
    for (const sited of result.changes) {
      const icon = sited.change.impact === 'major' ? '🔴 breaking' : `🟢 ${sited.change.impact}`;
      const operations = sited.site.operations.map((operation) => `\`${operation.id}\``).join(', ') || 'none';
      lines.push(
        `| ${icon} | ${cell(what(sited))} | ${operations} | ${cell(`${firstPath(sited)}; ${source(sited)}`)} |`,
      );
    }
    lines.push('');
  }
  for (const finding of result.findings) {
    lines.push(`- ${finding.severity === 'error' ? '❌' : '⚠️'} ${finding.message}`);
  }
  if (result.findings.length > 0) lines.push('');
  lines.push(`**${verdictLine(result)}**`, '');
  return lines.join('\n');
}

const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…::…` per breaking change and error, `::notice` per other change. `specPath` is the spec folder relative to the repository. */
export function renderAnnotations(result: GateResult, specPath = 'spec'): string {
  const out: string[] = [];
  const annotate = (level: string, title: string, message: string, sited?: SitedChange) => {
    const file = sited?.site.source ? `${specPath}/${sited.site.source.file}` : `${specPath}/openapi.yaml`;
    const line = sited?.site.source?.line ?? 1;
    out.push(
      `::${level} file=${escapeProperty(file)},line=${line},title=${escapeProperty(title)}::${escapeData(message)}`,
    );
  };
  for (const sited of result.changes) {
    const affects = sited.site.operations.map(operationName).join(', ') || 'no operation';
    const breaking = sited.change.impact === 'major';
    annotate(
      breaking ? 'warning' : 'notice',
      `${breaking ? 'Breaking change' : 'Non-breaking change'} (${rules(sited) || sited.change.impact})`,
      `${what(sited)}\nAffects: ${affects}`,
      sited,
    );
  }
  for (const finding of result.findings as Finding[]) {
    annotate(finding.severity, `spec:diff ${finding.rule}`, finding.message, finding.change);
  }
  return out.join('\n');
}
