/**
 * Reads the two vendor pages in `vendor-pages/` (the ground truth, copied
 * byte for byte from the steering repository's `shared/seeds/`) and pulls out
 * every JSON body they show, with the status it was shown under.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const seedsDir = fileURLToPath(new URL('./vendor-pages/', import.meta.url));

export interface SeedPage {
  file: string;
  title: string;
  text: string;
  /** Bodies of ```json blocks, keyed by the status shown with them. */
  responses: { status: string; body: unknown }[];
  /** Bodies sent by the page's curl examples (`-d '…'`). */
  requests: unknown[];
}

export function readSeedPages(): SeedPage[] {
  return readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((file) => parseSeedPage(file, readFileSync(seedsDir + file, 'utf8')));
}

export function parseSeedPage(file: string, text: string): SeedPage {
  const title = /^#\s+(.+?)\s{2,}|^#\s+(\S+\s\S+)/.exec(text)?.slice(1).find(Boolean) ?? file;
  const chunks = text.split('```');
  const responses: SeedPage['responses'] = [];
  const requests: unknown[] = [];
  for (let i = 1; i < chunks.length; i += 2) {
    const block = chunks[i] ?? '';
    if (block.startsWith('json')) {
      const brace = block.indexOf('{');
      // The status sits either in the block's header ("json 401 Unauthorized {")
      // or just before the fence ("200 OK ```json {").
      const status = /(\d{3})/.exec(block.slice(0, brace))?.[1] ?? /(\d{3})\D*$/.exec(chunks[i - 1] ?? '')?.[1];
      if (!status) throw new Error(`${file}: a JSON block without a status`);
      responses.push({ status, body: JSON.parse(block.slice(brace, block.lastIndexOf('}') + 1)) });
    }
    if (block.startsWith('bash')) {
      for (const match of block.matchAll(/-d '([^']*)'/g)) requests.push(JSON.parse(match[1] ?? ''));
    }
  }
  return { file, title, text, responses, requests };
}
