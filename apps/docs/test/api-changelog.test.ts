/**
 * The docs' "API changelog": releases read from a changesets CHANGELOG.md,
 * breaking entries marked, and the section present in the built document.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseChangelog, renderChangelog } from '../src/changelog/api-changelog.js';
import { docsSpecPath } from '../src/paths.js';

const CHANGELOG = `# @freddy/types

## 2.0.0

### Major Changes

- 1a2b3c4: Remove \`messageCount\` from the thread (deprecated in 1.1.0, sunset 2026-06-30).

### Minor Changes

- Add the optional \`projectId\` to Create thread.

### Patch Changes

- Updated dependencies [1a2b3c4]

## 1.0.0

### Major Changes

- First release.
`;

describe('API changelog', () => {
  it('reads each release with its entries, a major entry marked breaking', () => {
    expect(parseChangelog(CHANGELOG)).toEqual([
      {
        version: '2.0.0',
        entries: [
          {
            breaking: true,
            text: 'Remove `messageCount` from the thread (deprecated in 1.1.0, sunset 2026-06-30).',
          },
          { breaking: false, text: 'Add the optional `projectId` to Create thread.' },
        ],
      },
      { version: '1.0.0', entries: [{ breaking: true, text: 'First release.' }] },
    ]);
  });

  it('renders a section with a heading per version and **Breaking** on the breaking entries', () => {
    const markdown = renderChangelog(parseChangelog(CHANGELOG));
    expect(markdown).toMatch(/^# API changelog/);
    expect(markdown).toContain('## 2.0.0\n\n- **Breaking:** Remove `messageCount`');
    expect(markdown).toContain('- Add the optional `projectId` to Create thread.');
  });

  it('is part of the document the site is built from', () => {
    const built = JSON.parse(readFileSync(docsSpecPath, 'utf8')) as { info: { description: string } };
    expect(built.info.description).toContain('# API changelog');
    expect(built.info.description).toContain('## 1.0.0');
  });
});
