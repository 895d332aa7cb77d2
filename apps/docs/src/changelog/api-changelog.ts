/**
 * The docs site's "API changelog": the contract's released history, read at
 * build time from `@freddy/types`' CHANGELOG.md (written by `changeset
 * version` from the changesets that `pnpm spec:diff` requires, so each
 * breaking change arrives as a major entry). A section appended to the
 * document's description, which Redoc shows in its sidebar.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const changelogPath = fileURLToPath(new URL('../../../../packages/types/CHANGELOG.md', import.meta.url));

export interface Release {
  version: string;
  entries: { breaking: boolean; text: string }[];
}

/** The releases of a changesets CHANGELOG.md, newest first, as it lists them. */
export function parseChangelog(markdown: string): Release[] {
  const releases: Release[] = [];
  let breaking = false;
  for (const line of markdown.split(/\r?\n/)) {
    const version = line.match(/^## (\S+)/)?.[1];
    if (version) {
      releases.push({ version, entries: [] });
      continue;
    }
    const section = line.match(/^### (\w+) Changes/)?.[1];
    if (section) breaking = section === 'Major';
    const entry = line.match(/^- (?:[0-9a-f]{7,40}: )?(.+)$/)?.[1];
    if (entry && !/^Updated dependencies/.test(entry)) releases.at(-1)?.entries.push({ breaking, text: entry });
  }
  return releases;
}

export function renderChangelog(releases: Release[]): string {
  const lines = [
    '# API changelog',
    '',
    'What changed in each released version of the contract; **Breaking** marks a change that can break code written against an earlier version.',
    '',
  ];
  for (const release of releases) {
    lines.push(`## ${release.version}`, '');
    for (const entry of release.entries) lines.push(`- ${entry.breaking ? '**Breaking:** ' : ''}${entry.text}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** `description` with the API changelog section after it. */
export function withApiChangelog(description: string | undefined, path: string = changelogPath): string {
  if (!existsSync(path)) throw new Error(`No changelog at ${path}: the docs' API changelog is read from it`);
  return `${description ?? ''}\n\n${renderChangelog(parseChangelog(readFileSync(path, 'utf8')))}`;
}
