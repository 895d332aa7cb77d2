/** What the tests know about the built site: where it is and how Redoc 3 addresses an operation. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeContract, loadSpec } from '@freddy/spec';
import { launchChromium } from '@freddy/testing';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type SiteServer, startSiteServer } from '../../scripts/serve.mjs';
import { docsSpecPath, siteDir } from '../../src/paths.js';
import { type DocsDocument, publishedSamples, sampleFor } from '../../src/samples/index.js';

export const siteIndex = join(siteDir, 'index.html');

export function requireBuiltSite(): void {
  if (!existsSync(siteIndex) || !existsSync(docsSpecPath))
    throw new Error('The docs site is not built: run `pnpm --filter @freddy/docs build` first');
}

/** The built site, served under /docs/ as the reference server serves it, and one Chromium: a suite's. */
export interface ServedSite {
  readonly browser: Browser;
  readonly site: SiteServer;
}

/** Serves the built site and launches Chromium in `beforeAll`; both closed in `afterAll`. */
export function useServedSite(resultsDir: string): ServedSite {
  let browser: Browser | undefined;
  let site: SiteServer | undefined;
  beforeAll(async () => {
    requireBuiltSite();
    mkdirSync(resultsDir, { recursive: true });
    site = await startSiteServer({ prefix: '/docs/' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  const running = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the site is only served inside tests and hooks');
    return value;
  };
  return {
    get browser() {
      return running(browser);
    },
    get site() {
      return running(site);
    },
  };
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
