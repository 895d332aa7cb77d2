/**
 * The document the docs are built from: the bundled contract plus generated
 * `x-codeSamples` and the logo. Written to `build/` (gitignored); the
 * hand-authored spec files are never touched.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundledSpecPath, loadSpec, type OpenApiDocument } from '@freddy/spec';
import { docsSpecPath } from './paths.js';
import { withCodeSamples } from './samples/index.js';

export function docsSpec(source: OpenApiDocument): OpenApiDocument {
  const doc = withCodeSamples(source);
  // Relative to the page, so it resolves under any base path and from file://.
  (doc.info as Record<string, unknown>)['x-logo'] = { url: 'logo.svg', altText: 'Freddy Threads API' };
  return doc;
}

export function writeDocsSpec(from: string = bundledSpecPath, to: string = docsSpecPath): OpenApiDocument {
  if (!existsSync(from))
    throw new Error(`No bundled contract at ${from}: run \`pnpm --filter @freddy/spec bundle\` first`);
  const doc = docsSpec(loadSpec(from));
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}
