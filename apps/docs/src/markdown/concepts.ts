/**
 * The concept sections of the reference (authentication, errors, … the API
 * changelog) are the headed sections of the docs document's
 * `info.description`, which Redoc turns into its "section" pages. Read here
 * from that same text, split where Redoc splits it: a heading opens a new
 * section unless it is deeper than the heading of the section it is in.
 */
import { firstSentence } from './text.js';

export interface ConceptSection {
  title: string;
  /** Redoc's slug for the heading, e.g. `rate-limits`. */
  slug: string;
  /** Redoc's route to the section, e.g. `/section/rate-limits`. */
  route: string;
  /** The section's text without its heading; its own subsections start at `##`. */
  body: string;
  /** The first sentence of the body, for an index. */
  summary: string;
}

export interface DescribedDocument {
  /** The text before the first heading. */
  introduction: string;
  sections: ConceptSection[];
}

interface Heading {
  level: number;
  title: string;
}

export function splitDescription(description: string | undefined): DescribedDocument {
  const lines = (description ?? '').split(/\r?\n/);
  const introduction: string[] = [];
  const open: { heading: Heading; lines: string[] }[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const fenceMark = line.match(/^\s{0,3}(`{3,}|~{3,})/)?.[1];
    if (fenceMark && (!fence || fenceMark.startsWith(fence))) fence = fence ? undefined : fenceMark;
    const heading = fence || fenceMark ? undefined : atxHeading(line);
    const current = open.at(-1);
    if (heading && (!current || heading.level <= current.heading.level)) {
      open.push({ heading, lines: [] });
      continue;
    }
    if (!current) introduction.push(line);
    else if (heading) current.lines.push(`${'#'.repeat(heading.level - current.heading.level + 1)} ${heading.title}`);
    else current.lines.push(line);
  }
  const sections = open.map(({ heading, lines: body }) => {
    const text = body.join('\n').trim();
    const slug = redocSlug(heading.title);
    return { title: heading.title, slug, route: `/section/${slug}`, body: text, summary: firstSentence(text) };
  });
  return { introduction: introduction.join('\n').trim(), sections };
}

function atxHeading(line: string): Heading | undefined {
  const match = line.match(/^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/);
  return match ? { level: match[1]!.length, title: match[2]! } : undefined;
}

/**
 * The id Redoc gives a heading of the description (`Rate limits` →
 * `rate-limits`, `1.0.0` stays `1.0.0`); the tests hold it to the ids the
 * built page really has.
 */
export function redocSlug(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9._~-]/g, '');
}
