/**
 * What every GitHub workflow here must hold to: each third-party action pinned
 * by a full commit SHA, with the version it is in a comment on the same line
 * (`uses: actions/checkout@<40 hex> # v7.0.1`), so a moved tag cannot change
 * what runs; and `permissions:` stated at the top, read-only there, so a job
 * gets more only where it says so.
 */
import { parse } from 'yaml';

interface Step {
  uses?: unknown;
}
interface Job {
  uses?: unknown;
  steps?: Step[];
  permissions?: unknown;
}
interface Workflow {
  permissions?: unknown;
  jobs?: Record<string, Job>;
}

const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^v\d+(\.\d+){0,2}$/;

/** A permissions value that grants no write: `{}`, `read-all`, or scopes each `read` or `none`. */
function readOnly(permissions: unknown): boolean {
  if (permissions === 'read-all') return true;
  if (typeof permissions !== 'object' || permissions === null) return false;
  return Object.values(permissions).every((level) => level === 'read' || level === 'none');
}

/** Every problem with one workflow file's text; `file` names it in the messages. */
export function workflowProblems(source: string, file: string): string[] {
  const problems: string[] = [];
  const workflow = parse(source) as Workflow;
  if (workflow.permissions === undefined) problems.push(`${file}: no top-level permissions`);
  else if (!readOnly(workflow.permissions))
    problems.push(`${file}: top-level permissions grant a write; widen them per job instead`);

  // The comment is not in the parsed value: read it from the line the value is on.
  const comments = new Map<string, string[]>();
  for (const match of source.matchAll(/^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?[ \t]*(?:#[ \t]*(.*))?$/gm))
    comments.set(match[1]!, [...(comments.get(match[1]!) ?? []), (match[2] ?? '').trim()]);

  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.permissions === 'write-all')
      problems.push(`${file}: job ${id} has permissions write-all; name each scope it needs`);
    const uses = [job.uses, ...(job.steps ?? []).map((step) => step.uses)].filter((u) => u !== undefined);
    for (const action of uses) {
      if (typeof action !== 'string') continue;
      // Actions of this repository, and Docker images by digest, cannot move under us.
      if (action.startsWith('./') || /^docker:\/\/.+@sha256:[0-9a-f]{64}$/.test(action)) continue;
      if (!PINNED.test(action)) {
        problems.push(`${file}: job ${id} uses ${action}, not pinned by a full commit SHA`);
        continue;
      }
      const comment = comments.get(action) ?? [];
      if (comment.length === 0 || !comment.every((c) => VERSION_COMMENT.test(c)))
        problems.push(`${file}: job ${id} uses ${action} without its version in a comment (# vX.Y.Z)`);
    }
  }
  return problems;
}
