/** A concept section of the reference (`## Authentication` of the description, the API changelog) as a page of its own. */
import type { ConceptSection } from './concepts.js';
import { LLMS_INDEX, REFERENCE_PAGE, relativeHref } from './locations.js';

export function conceptPage(section: ConceptSection, at: string): string {
  const html = relativeHref(at, `${REFERENCE_PAGE}#${section.route}`);
  return [
    `# ${section.title}`,
    `From the [HTML reference](${html}); every page: [${LLMS_INDEX}](${relativeHref(at, LLMS_INDEX)}).`,
    section.body,
  ]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
}
