/**
 * A guide as a Markdown page, `guides/<id>.md`: its title and summary, then
 * the same text as its section of the HTML reference (`guide-text.ts`), with
 * links relative to where it is read (the page, or `llms-full.txt`).
 */
import type { Guide } from '@freddy/spec/guides';
import { guideText } from '../guides/guide-text.js';
import { guideRoute } from '../guides/locations.js';
import { LLMS_INDEX, operationPagePath, REFERENCE_PAGE, relativeHref } from './locations.js';

export function guidePage(guide: Guide, at: string): string {
  const link = (to: string) => relativeHref(at, to);
  return [
    `# ${guide.title}`,
    guide.summary,
    guideText(guide, { stepLevel: 2, operationHref: (operation) => link(operationPagePath(operation)) }),
    [
      `- [This guide in the HTML reference](${link(`${REFERENCE_PAGE}#${guideRoute(guide)}`)})`,
      `- [Every page](${link(LLMS_INDEX)})`,
    ].join('\n'),
  ]
    .join('\n\n')
    .concat('\n');
}
