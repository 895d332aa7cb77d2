/** What the tests know about the built site: where it is and how Redoc 3 addresses an operation. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listOperations, loadSpec } from '@freddy/spec';
import { docsSpecPath, siteDir } from '../../src/paths.js';

export const siteIndex = join(siteDir, 'index.html');

export function requireBuiltSite(): void {
  if (!existsSync(siteIndex) || !existsSync(docsSpecPath))
    throw new Error('The docs site is not built: run `pnpm --filter @freddy/docs build` first');
}

export interface SiteOperation {
  operationId: string;
  summary: string;
  method: string;
  /** Redoc 3's route for the operation: `<tag slug>/<operationId, lower case>`. */
  route: string;
  firstCurlLine: string;
}

/** The operations as the built document has them, samples included. */
export function siteOperations(): SiteOperation[] {
  const doc = loadSpec(docsSpecPath);
  return listOperations(doc).map(({ operationId, method, operation }) => {
    const tag = String((operation.tags as string[])[0]).toLowerCase();
    const samples = operation['x-codeSamples'] as { lang: string; source: string }[];
    const curl = samples.find((sample) => sample.lang === 'curl')?.source ?? '';
    return {
      operationId,
      summary: String(operation.summary),
      method,
      route: `${tag}/${operationId.toLowerCase()}`,
      firstCurlLine: curl.split('\n')[0]!.replace(/ \\$/, ''),
    };
  });
}
