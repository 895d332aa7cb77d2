/**
 * The guides in the HTML reference: a "Guides" group of Redoc's sidebar,
 * one section a guide, written into the reference's copy of the document's
 * description (a `# Guides` heading, a `## <title>` a guide), which Redoc
 * turns into section pages at `#/section/guides/<title's slug>`. The text is
 * the guide's Markdown (`guide-text.ts`), with links to the operations'
 * sections and to the guide's Markdown page.
 */
import type { Guide } from '@freddy/spec/guides';
import { referenceRoute } from '../console/links.js';
import { MARKDOWN_LINK_TEXT } from '../markdown/html-links.js';
import type { DocsDocument } from '../samples/index.js';
import { guideText } from './guide-text.js';
import { GUIDES_HEADING, guidePagePath } from './locations.js';

function guidesSection(guides: readonly Guide[]): string {
  const sections = guides.map((guide) =>
    [
      `## ${guide.title}`,
      guide.summary,
      guideText(guide, { stepLevel: 0, operationHref: (operation) => `#${referenceRoute(operation)}` }),
      `[${MARKDOWN_LINK_TEXT}](${guidePagePath(guide)})`,
    ].join('\n\n'),
  );
  return [
    `# ${GUIDES_HEADING}`,
    'Walk-throughs of the tasks people come for, one request at a time: what each step sends, what its answer shows, and what to keep for the next step.',
    ...sections,
  ].join('\n\n');
}

/** A copy of the document whose description ends with the guides. */
export function withGuides(doc: DocsDocument, guides: readonly Guide[]): DocsDocument {
  if (guides.length === 0) return doc;
  const description = [doc.info.description ?? '', guidesSection(guides)].filter(Boolean).join('\n\n');
  return { ...doc, info: { ...doc.info, description } };
}
