/**
 * The document the docs are built from: the bundled contract plus generated
 * `x-codeSamples` and the logo. Written to `build/` (gitignored); the
 * hand-authored spec files are never touched.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundledSpecPath, describeContract, loadSpec, type OpenAPIV3_1, type OpenApiDocument } from '@freddy/spec';
import { describeGuides } from '@freddy/spec/guides';
import { withApiChangelog } from './changelog/api-changelog.js';
import { withTryItLinks } from './console/document.js';
import { withGuides } from './guides/reference-section.js';
import { withMarkdownLinks } from './markdown/html-links.js';
import { docsSpecPath } from './paths.js';
import { withQuickstart } from './quickstart/reference.js';
import { type DocsDocument, withCodeSamples } from './samples/index.js';

/** Redoc's `info.x-logo`. */
type InfoWithLogo = OpenAPIV3_1.InfoObject & { 'x-logo': { url: string; altText: string } };

/**
 * Extensions that annotate the contract for its reviewers and that no page
 * shows: `x-source` says where each fact comes from (a vendor page, a house
 * rule). Dropped from the docs document, where Redoc would embed them in
 * every page load (about 11 kB) for nothing.
 */
export const REVIEWER_EXTENSIONS = ['x-source'] as const;

/** A copy of the document without the reviewer-only extensions, wherever they sit. */
export function withoutReviewerExtensions<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutReviewerExtensions) as T;
  if (value === null || typeof value !== 'object') return value;
  const kept = Object.entries(value).filter(([key]) => !(REVIEWER_EXTENSIONS as readonly string[]).includes(key));
  return Object.fromEntries(kept.map(([key, field]) => [key, withoutReviewerExtensions(field)])) as T;
}

export function docsSpec(source: OpenApiDocument): DocsDocument {
  const doc = withCodeSamples(withoutReviewerExtensions(source));
  // Relative to the page, so it resolves under any base path and from file://.
  const info: InfoWithLogo = { ...doc.info, 'x-logo': { url: 'logo.svg', altText: 'Freddy Threads API' } };
  info.description = withApiChangelog(info.description);
  doc.info = info;
  return doc;
}

/**
 * Writes the reference's document (with its quickstart, its "Try it" and
 * "Markdown for this page" links, and the guides as sections) and returns the docs document without them, which the
 * console's copy and the Markdown pages are made from.
 */
export function writeDocsSpec(from: string = bundledSpecPath, to: string = docsSpecPath): DocsDocument {
  if (!existsSync(from))
    throw new Error(`No bundled contract at ${from}: run \`pnpm --filter @freddy/spec bundle\` first`);
  const doc = docsSpec(loadSpec(from));
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, `${JSON.stringify(referenceDocument(doc), null, 2)}\n`);
  return doc;
}

/** The reference's document: the docs document with its quickstart, "Try it" and Markdown links, and the guides. */
export function referenceDocument(doc: DocsDocument): DocsDocument {
  return withGuides(
    withQuickstart(withTryItLinks(withMarkdownLinks(doc))),
    describeGuides({ contract: describeContract(doc) }),
  );
}
