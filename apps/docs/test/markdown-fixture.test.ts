/**
 * The Markdown follows the contract it is given: a fixture copy of the
 * bundle with one more request property, one more response field and one
 * more operation (the probe of `support/fixture-contract.ts`) gets them on
 * its pages, in llms.txt and in llms-full.txt, with nothing else edited. And
 * the pieces the pages are cut from: the description's sections, relative
 * links, related operations.
 */
import { posix } from 'node:path';
import { describeContract, loadSpec, type OpenAPIV3_1, type OpenApiDocument } from '@freddy/spec';
import { describe, expect, it } from 'vitest';
import { docsSpec } from '../src/build-spec.js';
import { referenceRoute } from '../src/console/links.js';
import { splitDescription } from '../src/markdown/concepts.js';
import { withMarkdownLinks } from '../src/markdown/html-links.js';
import { operationPagePath, relativeHref } from '../src/markdown/locations.js';
import { relatedOperations } from '../src/markdown/related.js';
import { type MarkdownFile, markdownSite } from '../src/markdown/site.js';
import { codeSamples, sampleFor } from '../src/samples/index.js';
import { PROBE, withProbeOperation } from './support/fixture-contract.js';
import { itemFacts, itemLine, section } from './support/markdown.js';

const PROJECT_ID = {
  type: 'string',
  description: 'The project the thread belongs to.',
  maxLength: 64,
  examples: ['proj_123'],
} as const;

/** The bundle, plus `projectId` on create's body and on the thread, plus the probe operation. */
function fixture(): OpenApiDocument {
  const doc = withProbeOperation(loadSpec());
  const schemas = doc.components!.schemas!;
  (schemas.CreateThreadRequest as OpenAPIV3_1.SchemaObject).properties!.projectId = {
    ...PROJECT_ID,
    examples: [...PROJECT_ID.examples],
  };
  (schemas.Thread as OpenAPIV3_1.SchemaObject).properties!.projectId = {
    ...PROJECT_ID,
    examples: [...PROJECT_ID.examples],
  };
  return doc;
}

function files(doc: OpenApiDocument): Map<string, string> {
  return new Map(markdownSite(docsSpec(doc)).map((file: MarkdownFile) => [file.path, file.text]));
}

describe('Markdown from a changed contract', () => {
  const before = files(loadSpec());
  const after = files(fixture());

  it('lists a new request-body property with its type, bound and description', () => {
    const body = (pages: Map<string, string>) =>
      section(pages.get('operations/create-thread.md')!, /^## Request body$/);
    expect(itemLine(body(before), 'projectId')).toBeUndefined();
    const line = itemLine(body(after), 'projectId')!;
    expect(itemFacts(line)).toEqual(['string', 'optional', '`maxLength: 64`']);
    expect(line.endsWith(': The project the thread belongs to.')).toBe(true);
  });

  it('lists a new response field on every operation that answers with the thread', () => {
    const answering = describeContract(fixture()).operations.filter((operation) =>
      operation.responses.some((response) => response.schemaName === 'Thread'),
    );
    expect(answering.map((operation) => operation.id)).toContain(PROBE.operationId);
    expect(answering.length).toBeGreaterThan(1);
    for (const operation of answering) {
      const page = after.get(operationPagePath(operation))!;
      expect(itemLine(section(page, /^## Responses$/), 'projectId'), operation.id).toBeDefined();
      expect(itemLine(before.get(operationPagePath(operation)) ?? '', 'projectId'), operation.id).toBeUndefined();
    }
  });

  it('gives a new operation its page, its line in llms.txt, its place in llms-full.txt and among the related', () => {
    const probe = describeContract(fixture()).operation(PROBE.operationId);
    const pagePath = operationPagePath(probe);
    expect(before.has(pagePath)).toBe(false);
    const page = after.get(pagePath)!;
    expect(page.startsWith(`# ${PROBE.summary}\n\n${PROBE.description}`)).toBe(true);
    expect(page).toContain(`- Method and path: \`POST ${PROBE.path}\``);
    expect(page).toContain(`](../index.html#${referenceRoute(probe)})`);
    expect(section(page, /^## Code samples$/)).toContain(sampleFor(codeSamples(probe), 'TypeScript'));
    expect(after.get('llms.txt')).toContain(
      `- [${PROBE.summary}](${pagePath}): \`POST ${PROBE.path}\`: ${PROBE.description}`,
    );
    expect(after.get('llms-full.txt')).toContain(`Source: ${pagePath}\n\n# ${PROBE.summary}\n`);
    // A neighbour of the other operations on the thread's path, found from the path templates alone.
    for (const neighbour of describeContract(loadSpec()).operations.filter((operation) =>
      operation.path.startsWith('/threads/{thread_id}/'),
    ))
      expect(section(after.get(operationPagePath(neighbour))!, /^## Related operations$/), neighbour.id).toContain(
        `[${PROBE.summary}](${posix.basename(pagePath)})`,
      );
    const linked = withMarkdownLinks(docsSpec(fixture())).paths![PROBE.path]!.post!;
    expect(linked.description).toContain(`[Markdown for this page](${pagePath})`);
  });

  it('changes nothing else: only the pages that show the new field or the new neighbour, the index and the whole', () => {
    const changed = [...after.keys()].filter((path) => before.get(path) !== after.get(path));
    const showing = [...after.keys()].filter(
      (path) => /projectId/.test(after.get(path)!) || after.get(path)!.includes(`[${PROBE.summary}]`),
    );
    expect(new Set(changed)).toEqual(new Set(['llms.txt', operationPagePath({ id: PROBE.operationId }), ...showing]));
    expect(showing).toContain('operations/list-threads.md');
    expect(itemLine(after.get('operations/list-threads.md')!, 'data[].projectId')).toBeDefined();
    expect(changed.filter((path) => path.startsWith('concepts/'))).toEqual([]);
  });
});

describe('the description split into concept sections', () => {
  it('opens a section at each heading no deeper than the one before, keeps deeper ones and fenced lines inside', () => {
    const { introduction, sections } = splitDescription(
      [
        'Intro text.',
        '',
        '## Rate limits',
        'Per key. More.',
        '```',
        '# not a heading',
        '```',
        '### Headers',
        'X-RateLimit-Limit.',
        '## Errors',
        'Two envelopes.',
        '# API changelog',
        '## 1.0.0',
        '- First.',
      ].join('\n'),
    );
    expect(introduction).toBe('Intro text.');
    expect(sections.map(({ title, slug, route }) => [title, slug, route])).toEqual([
      ['Rate limits', 'rate-limits', '/section/rate-limits'],
      ['Errors', 'errors', '/section/errors'],
      ['API changelog', 'api-changelog', '/section/api-changelog'],
    ]);
    expect(sections[0]!.body).toBe('Per key. More.\n```\n# not a heading\n```\n## Headers\nX-RateLimit-Limit.');
    expect(sections[0]!.summary).toBe('Per key.');
    expect(sections[2]!.body).toBe('## 1.0.0\n- First.');
  });
});

describe('links and neighbours', () => {
  it('links from any page to any other relative to the page, fragment kept', () => {
    expect(relativeHref('operations/pin-thread.md', 'index.html#/threads/pinthread')).toBe(
      '../index.html#/threads/pinthread',
    );
    expect(relativeHref('operations/pin-thread.md', 'operations/unpin-thread.md')).toBe('unpin-thread.md');
    expect(relativeHref('llms-full.txt', 'console/index.html#tag/threads/pinthread')).toBe(
      'console/index.html#tag/threads/pinthread',
    );
  });

  it('refuses an operation id that makes no readable page name', () => {
    expect(operationPagePath({ id: 'updateThreadMetadata' })).toBe('operations/update-thread-metadata.md');
    expect(() => operationPagePath({ id: '../escape' })).toThrow(/readable page name/);
  });

  it('finds the other methods on a path first, then the paths beside it, its parent, its children', () => {
    const ops = [
      { id: 'list', path: '/threads' },
      { id: 'retrieve', path: '/threads/{thread_id}' },
      { id: 'delete', path: '/threads/{thread_id}' },
      { id: 'pin', path: '/threads/{thread_id}/pin' },
      { id: 'unpin', path: '/threads/{thread_id}/unpin' },
      { id: 'health', path: '/health' },
    ];
    expect(relatedOperations(ops, ops[3]!).map((op) => op.id)).toEqual(['unpin', 'retrieve', 'delete']);
    expect(relatedOperations(ops, ops[1]!).map((op) => op.id)).toEqual(['delete', 'list', 'pin', 'unpin']);
    expect(relatedOperations(ops, ops[5]!)).toEqual([]);
  });
});
