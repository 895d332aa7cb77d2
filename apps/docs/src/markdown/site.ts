/**
 * The machine-readable docs: `llms.txt`, `llms-full.txt`, a page per
 * concept section and a page per operation, all generated from one docs
 * document (the contract with its code samples and changelog), so any
 * contract given here gets its own pages.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeContract } from '@freddy/spec';
import { describeGuides } from '@freddy/spec/guides';
import { guidePagePath } from '../guides/locations.js';
import { QUICKSTART_PAGE, quickstartPage } from '../quickstart/page.js';
import type { DocsDocument } from '../samples/index.js';
import { conceptPage } from './concept-page.js';
import { splitDescription } from './concepts.js';
import { guidePage } from './guide-page.js';
import { responseHeadersPage } from './headers-page.js';
import { llmsFull, llmsIndex } from './llms.js';
import { conceptPagePath, LLMS_FULL, LLMS_INDEX, operationPagePath, RESPONSE_HEADERS_PAGE } from './locations.js';
import { operationPage, WrittenOnce } from './operation-page.js';

export interface MarkdownFile {
  /** From the site's root, e.g. `operations/pin-thread.md`. */
  path: string;
  text: string;
}

export function markdownSite(doc: DocsDocument): MarkdownFile[] {
  const contract = describeContract(doc);
  const described = splitDescription(doc.info.description);
  const full = new WrittenOnce();
  const pageAt = (at: string) => ({
    contract,
    doc,
    at,
    written: at === LLMS_FULL ? full : new WrittenOnce(),
  });
  const concepts = described.sections.map((section) => {
    const path = conceptPagePath(section.slug);
    return { path, text: conceptPage(section, path), full: conceptPage(section, LLMS_FULL) };
  });
  const operations = contract.operations.map((operation) => {
    const path = operationPagePath(operation);
    return { path, text: operationPage(operation, pageAt(path)), full: operationPage(operation, pageAt(LLMS_FULL)) };
  });
  const guides = describeGuides({ contract });
  const guidePages = guides.map((guide) => {
    const path = guidePagePath(guide);
    return { path, text: guidePage(guide, path), full: guidePage(guide, LLMS_FULL) };
  });
  const headers = {
    path: RESPONSE_HEADERS_PAGE,
    text: responseHeadersPage(contract, RESPONSE_HEADERS_PAGE),
    full: responseHeadersPage(contract, LLMS_FULL),
  };
  const quickstart = {
    path: QUICKSTART_PAGE,
    text: quickstartPage(contract, QUICKSTART_PAGE),
    full: quickstartPage(contract, LLMS_FULL),
  };
  const pages = [quickstart, ...concepts, ...guidePages, headers, ...operations];
  const paths = new Set(pages.map((page) => page.path));
  if (paths.size !== pages.length) throw new Error('Two Markdown pages would have the same path');
  const source = { contract, doc, described, guides };
  return [
    { path: LLMS_INDEX, text: llmsIndex(source) },
    {
      path: LLMS_FULL,
      text: llmsFull(
        source,
        pages.map(({ path, full }) => ({ path, text: full })),
      ),
    },
    ...pages.map(({ path, text }) => ({ path, text })),
  ];
}

export function writeMarkdownSite(files: MarkdownFile[], dir: string): void {
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
}
