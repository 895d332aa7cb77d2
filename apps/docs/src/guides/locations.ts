/**
 * Where a guide is in the site: its Markdown page and its section of the
 * HTML reference, both named from the guide (its id, its title), never
 * written by hand.
 */
import type { Guide } from '@freddy/spec/guides';
import { redocSlug } from '../markdown/concepts.js';

/** The heading of the reference's group of guides. */
export const GUIDES_HEADING = 'Guides';
const GUIDES_DIR = 'guides';

/** `guides/keep-a-thread-on-top.md`: the guide's id, which is its file's name in the spec. */
export function guidePagePath(guide: Pick<Guide, 'id'>): string {
  return `${GUIDES_DIR}/${guide.id}.md`;
}

/** Redoc's route to a guide's section: `/section/guides/keep-a-thread-at-the-top`. */
export function guideRoute(guide: Pick<Guide, 'title'>): string {
  return `/section/${redocSlug(GUIDES_HEADING)}/${redocSlug(guide.title)}`;
}
