/** What the tests know about the built site: where it is and how Redoc 3 addresses an operation. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeContract, loadSpec } from '@freddy/spec';
import type { Locator } from 'playwright-core';
import { docsSpecPath, siteDir } from '../../src/paths.js';
import { type DocsDocument, publishedSamples, sampleFor } from '../../src/samples/index.js';

export const siteIndex = join(siteDir, 'index.html');

export function requireBuiltSite(): void {
  if (!existsSync(siteIndex) || !existsSync(docsSpecPath))
    throw new Error('The docs site is not built: run `pnpm --filter @freddy/docs build` first');
}

export interface SiteOperation {
  operationId: string;
  summary: string;
  /** Redoc 3's route for the operation: `<tag slug>/<operationId, lower case>`. */
  route: string;
  firstCurlLine: string;
}

/** The operations as the built document has them, samples included. */
export function siteOperations(): SiteOperation[] {
  const built: DocsDocument = loadSpec(docsSpecPath);
  return describeContract(built).operations.map((operation) => ({
    operationId: operation.id,
    summary: operation.summary,
    route: `${operation.tag.toLowerCase()}/${operation.id.toLowerCase()}`,
    firstCurlLine: sampleFor(publishedSamples(built, operation), 'curl').split('\n')[0]!.replace(/ \\$/, ''),
  }));
}

/** A heading whose own text is exactly `text` (Redoc prefixes headings with a deep-link icon). */
export function redocHeading(scope: Locator, tags: string, text: string): Locator {
  return scope
    .locator(tags)
    .filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) })
    .first();
}
