/**
 * `pnpm spec:diff [BASE]` — is the working tree's contract safe for the
 * people who installed the client or wrote code against the docs?
 *
 * BASE defaults to the merge base with origin/main (else main). Prints the
 * report, exits 1 when a change is not allowed. On GitHub Actions it also
 * annotates the changed spec lines and writes the markdown report into the
 * job summary.
 */
import { appendFileSync } from 'node:fs';
import { runGate } from '../src/diff/gate.js';
import { defaultBase, repositoryRoot } from '../src/diff/git-revision.js';
import { renderAnnotations, renderMarkdown, renderText } from '../src/diff/render.js';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const markdown = args.includes('--markdown');
const [baseArg] = args.filter((arg) => !arg.startsWith('--'));

const repo = repositoryRoot(process.cwd());
const base = baseArg ?? defaultBase(repo);

// The spec folder of the repository the command runs in (`spec/`).
const specPath = 'spec';
const result = await runGate({ repo, base, specPath });
console.log(markdown ? renderMarkdown(result) : renderText(result));
if (process.env.GITHUB_ACTIONS === 'true') {
  console.log(renderAnnotations(result, specPath));
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, renderMarkdown(result));
}
process.exitCode = result.ok ? 0 : 1;
