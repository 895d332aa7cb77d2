/**
 * The vendor pages in `vendor-pages/` are copies of `shared/seeds/` from the
 * project's steering repository. Where that repository is checked out beside
 * this one (`../shared/seeds/` from the repository root), the copies must be
 * byte-identical to it; elsewhere the comparison is skipped and says why.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seedsDir } from './seeds.js';

const sharedSeedsDir = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));
const sharedPresent = existsSync(sharedSeedsDir);

function pages(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
}

describe('the vendor pages', () => {
  it('are the two seed pages', () => {
    expect(pages(seedsDir)).toHaveLength(2);
  });

  const title = sharedPresent
    ? `are byte-identical to ${sharedSeedsDir}`
    : `are byte-identical to ../shared/seeds/ (skipped: no ${sharedSeedsDir} beside the repository)`;
  it.skipIf(!sharedPresent)(title, () => {
    expect(pages(seedsDir)).toEqual(pages(sharedSeedsDir));
    for (const name of pages(sharedSeedsDir)) {
      const copy = readFileSync(seedsDir + name);
      const original = readFileSync(sharedSeedsDir + name);
      expect(copy.equals(original), `${name} differs from ${sharedSeedsDir}${name}`).toBe(true);
    }
  });
});
