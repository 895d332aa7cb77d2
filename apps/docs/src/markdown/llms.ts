/**
 * `llms.txt` in the llmstxt.org shape (a title, a one-paragraph summary,
 * then sections of `- [Title](url): note` links, every URL relative to the
 * file) and `llms-full.txt`, the same index with every page in it.
 */
import type { Contract, ServerEntry } from '@freddy/spec';
import type { Guide } from '@freddy/spec/guides';
import { CONSOLE_DIR } from '../console/links.js';
import { guidePagePath } from '../guides/locations.js';
import { QUICKSTART_PAGE } from '../quickstart/page.js';
import { QUICKSTART_NOTE, QUICKSTART_TITLE } from '../quickstart/text.js';
import type { DocsDocument } from '../samples/index.js';
import type { DescribedDocument } from './concepts.js';
import {
  conceptPagePath,
  LLMS_FULL,
  LLMS_INDEX,
  OPENAPI_DOCUMENT,
  operationPagePath,
  REFERENCE_PAGE,
  RESPONSE_HEADERS_PAGE,
} from './locations.js';
import { operationNote } from './operation-page.js';
import { firstSentence, oneLine } from './text.js';

export interface IndexSource {
  contract: Contract;
  doc: DocsDocument;
  described: DescribedDocument;
  guides: readonly Guide[];
}

export function llmsIndex({ contract, doc, described, guides }: IndexSource): string {
  const concepts = described.sections.map(
    (section) => `- [${section.title}](${conceptPagePath(section.slug)}): ${section.summary}`,
  );
  const guideLines = guides.map((guide) => `- [${guide.title}](${guidePagePath(guide)}): ${oneLine(guide.summary)}`);
  const operations = contract.operations.map(
    (operation) => `- [${operation.summary}](${operationPagePath(operation)}): ${operationNote(operation, doc)}`,
  );
  const reference = [
    `- [Response headers](${RESPONSE_HEADERS_PAGE}): every header the operations answer with, its type, bounds and meaning, and which operations send it`,
  ];
  const optional = [
    `- [${LLMS_FULL}](${LLMS_FULL}): every page listed here, in one file`,
    `- [OpenAPI document](${OPENAPI_DOCUMENT}): the contract (OpenAPI ${contract.document.openapi}) these pages are generated from`,
    `- [HTML reference](${REFERENCE_PAGE}): the same reference for people (Redoc)`,
    `- [API console](${CONSOLE_DIR}/index.html): send requests from the browser (Scalar)`,
  ];
  return [
    header({ contract, doc, described, guides }),
    `## Start here\n\n- [${QUICKSTART_TITLE}](${QUICKSTART_PAGE}): ${QUICKSTART_NOTE}`,
    ['## Concepts', concepts.join('\n')].join('\n\n'),
    ['## Guides', guideLines.join('\n')].join('\n\n'),
    ['## Operations', operations.join('\n')].join('\n\n'),
    ['## Reference', reference.join('\n')].join('\n\n'),
    ['## Optional', optional.join('\n')].join('\n\n'),
  ]
    .join('\n\n')
    .concat('\n');
}

/** The index's head, then every page: what an agent reads when it wants the whole API at once. */
export function llmsFull(source: IndexSource, pages: { path: string; text: string }[]): string {
  const parts = [
    header(source),
    `Every page of ${LLMS_INDEX} follows, each under its own \`# \` heading, after a \`Source:\` line naming its own file.`,
  ];
  for (const page of pages) parts.push(`---\n\nSource: ${page.path}\n\n${page.text.trimEnd()}`);
  return parts.join('\n\n').concat('\n');
}

function header({ contract, doc, described }: IndexSource): string {
  const summary = oneLine(doc.info.summary) || firstSentence(described.introduction);
  return [
    `# ${contract.title}`,
    `> ${summary}`,
    described.introduction,
    `Version ${contract.version}. Servers:\n\n${contract.servers.map(serverLine).join('\n')}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

function serverLine(server: ServerEntry): string {
  return `- \`${server.url}\` (${server.environment}): ${oneLine(server.description)}`;
}
