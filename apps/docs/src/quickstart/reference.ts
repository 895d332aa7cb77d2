/**
 * The quickstart in the Redoc reference: a `## Quickstart` section of the
 * description, right after its introduction, so it is the first section of
 * the sidebar and the first thing under the title. Added to the reference's
 * copy of the docs document only; the Markdown has it as a page of its own.
 */
import { describeContract } from '@freddy/spec';
import { referenceRoute } from '../console/links.js';
import { MARKDOWN_LINK_TEXT } from '../markdown/html-links.js';
import type { DocsDocument } from '../samples/index.js';
import { QUICKSTART_PAGE } from './page.js';
import { quickstartMarkdown } from './text.js';

export function withQuickstart(doc: DocsDocument): DocsDocument {
  const section = quickstartMarkdown(describeContract(doc), {
    level: 2,
    link: (operation) => `#${referenceRoute(operation)}`,
    trailer: `[${MARKDOWN_LINK_TEXT}](${QUICKSTART_PAGE})`,
  }).trimEnd();
  const description = doc.info.description ?? '';
  // Before the first heading outside a code block: the introduction stays first.
  const firstHeading = firstHeadingAt(description);
  const text =
    firstHeading === undefined
      ? `${description.trimEnd()}\n\n${section}`
      : `${description.slice(0, firstHeading).trimEnd()}\n\n${section}\n\n${description.slice(firstHeading)}`;
  return { ...doc, info: { ...doc.info, description: text.trimStart() } };
}

function firstHeadingAt(text: string): number | undefined {
  let fence = false;
  let at = 0;
  for (const line of text.split('\n')) {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) fence = !fence;
    else if (!fence && /^ {0,3}#{1,6}[ \t]/.test(line)) return at;
    at += line.length + 1;
  }
  return undefined;
}
