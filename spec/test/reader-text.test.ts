/**
 * The contract's text as readers meet it (the docs, their search index, the
 * Markdown pages, the MCP tools): sentences, not hard-wrapped lines, and
 * where a fact comes from in `x-source` data that names real pages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { breaksInsideSentences, hasMarkdown, readerTexts } from './reader-text.js';
import { readSeedPages } from './seeds.js';

const bundle: unknown = JSON.parse(
  readFileSync(fileURLToPath(new URL('../dist/openapi.json', import.meta.url)), 'utf8'),
);
const texts = readerTexts(bundle);

describe('every description and summary in the bundle', () => {
  it('is found (the walk reaches the API, operations, parameters, properties and examples)', () => {
    const pointers = texts.map((text) => text.pointer);
    expect(pointers).toContain('#/info/description');
    expect(pointers).toContain('#/paths/~1threads~1{thread_id}~1pin/post/description');
    expect(pointers).toContain('#/components/parameters/IdempotencyKey/description');
    expect(pointers).toContain('#/components/schemas/Thread/properties/isPinned/description');
    expect(pointers).toContain('#/components/examples/PayloadTooLarge/description');
  });

  it.each(texts.map((text) => [text.pointer, text] as const))('%s reads as sentences', (_pointer, { text }) => {
    expect(breaksInsideSentences(text), 'a line break inside running text').toEqual([]);
    expect(text, 'no leading or trailing white space').toBe(text.trim());
  });
});

describe('the line-break check', () => {
  it('finds a hard-wrapped paragraph', () => {
    expect(breaksInsideSentences('Create a thread, optionally with its\nfirst messages.')).toEqual([
      'Create a thread, optionally with its',
    ]);
  });

  it('finds a paragraph wrapped under a heading or after a table', () => {
    expect(breaksInsideSentences('## Errors\nEvery error response')).toEqual(['## Errors']);
    expect(breaksInsideSentences('| a | b |\n|---|---|\n| 1 | 2 |\nBoth id prefixes')).toEqual(['| 1 | 2 |']);
  });

  it('lets one line per paragraph, tables, lists and code blocks stand', () => {
    const markdown = [
      'Threads hold a conversation.',
      '',
      '## Authentication',
      '',
      '| | Freddy | Platform |',
      '|---|---|---|',
      '| Host | `a` | `b` |',
      '',
      '- one',
      '- two',
      '',
      '```bash',
      'curl -X POST \\',
      '  -H "X-API-Key: $FREDDY_API_KEY"',
      '```',
    ].join('\n');
    expect(breaksInsideSentences(markdown)).toEqual([]);
  });
});

describe('server descriptions, which Redoc and the console print as plain text', () => {
  const servers = texts.filter((text) => /\/servers\/\d+\/description$/.test(text.pointer));

  it('are found, at the top and on every path', () => {
    expect(servers.map((server) => server.pointer)).toContain('#/servers/2/description');
    expect(servers.some((server) => server.pointer.startsWith('#/paths/'))).toBe(true);
  });

  it.each(servers.map((server) => [server.pointer, server.text] as const))('%s holds no Markdown', (_pointer, text) => {
    expect(hasMarkdown(text), text).toBe(false);
  });

  it('the check finds a code span, emphasis and a link, and lets plain words stand', () => {
    expect(hasMarkdown('Local reference server (`pnpm start`), every operation')).toBe(true);
    expect(hasMarkdown('Freddy API, **production**')).toBe(true);
    expect(hasMarkdown('See [the guide](guide.md)')).toBe(true);
    expect(hasMarkdown('Local reference server (started with pnpm start), every operation')).toBe(false);
  });
});

describe('x-source', () => {
  const sources: { pointer: string; source: Record<string, string> }[] = [];
  const collect = (node: unknown, pointer: string): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'x-source') sources.push({ pointer, source: value as Record<string, string> });
      else collect(value, `${pointer}/${key}`);
    }
  };
  collect(bundle, '#');
  const seedTitles = readSeedPages().map((page) => page.title);

  it('is on the API, the operations and the components', () => {
    const pointers = sources.map((entry) => entry.pointer);
    expect(pointers).toContain('#/info');
    expect(pointers).toContain('#/paths//threads/post');
    expect(pointers).toContain('#/components/schemas/Thread');
  });

  it('names a seeded page as `seed`, by its title, and never as `page`', () => {
    for (const { pointer, source } of sources) {
      if (source.seed !== undefined) expect(seedTitles, pointer).toContain(source.seed);
      if (source.page !== undefined) expect(seedTitles, pointer).not.toContain(source.page);
    }
  });
});
