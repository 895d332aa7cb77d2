/** `quickstart.md`: the quickstart as a Markdown page beside the others, and its part of `llms-full.txt`. */
import type { Contract } from '@freddy/spec';
import { LLMS_INDEX, operationPagePath, REFERENCE_PAGE, relativeHref } from '../markdown/locations.js';
import { quickstartMarkdown } from './text.js';

export const QUICKSTART_PAGE = 'quickstart.md';
/** Redoc's route to the reference's quickstart section, as Redoc slugs its heading. */
export const QUICKSTART_ROUTE = '/section/quickstart';

/** The page as written at `at` (its own path, or `llms-full.txt`), every link relative to it. */
export function quickstartPage(contract: Contract, at: string): string {
  return quickstartMarkdown(contract, {
    level: 1,
    link: (operation) => relativeHref(at, operationPagePath(operation)),
    trailer: `From the [HTML reference](${relativeHref(at, `${REFERENCE_PAGE}#${QUICKSTART_ROUTE}`)}); every page: [${LLMS_INDEX}](${relativeHref(at, LLMS_INDEX)}).`,
  });
}
