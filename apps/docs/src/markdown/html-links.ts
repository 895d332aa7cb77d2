/** The reference's way to its Markdown: each operation's description ends with a link to its page. */
import { withOperationLine } from '../operation-description.js';
import type { DocsDocument } from '../samples/index.js';
import { operationPagePath } from './locations.js';

export const MARKDOWN_LINK_TEXT = 'Markdown for this page';

export function withMarkdownLinks(doc: DocsDocument): DocsDocument {
  return withOperationLine(doc, (operation) => `[${MARKDOWN_LINK_TEXT}](${operationPagePath(operation)})`);
}
