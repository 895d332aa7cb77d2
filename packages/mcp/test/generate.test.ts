/**
 * The generator (scripts/generate): one tool per operation of whatever
 * contract it is given, read through describeContract(). Fixture copies of
 * the bundle show a new operation becoming a new tool with nothing else
 * edited, a changed limit followed, and the documents it must refuse.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeContract, loadSpec, type OpenApiDocument } from '@freddy/spec';
import { describe, expect, test } from 'vitest';
import { prose } from '../scripts/generate/prose.js';
import { toolDefinitions } from '../scripts/generate/tool-definitions.js';
import { toolName } from '../scripts/generate/tool-name.js';
import type { ToolDefinition } from '../src/tools/definition.js';
import { addProbe, fixture, PROBE, probeModel, type Untyped } from './support/fixture-contract.js';
import { snake } from './support/tool-names.js';

const toolsOf = (doc: OpenApiDocument) => toolDefinitions(describeContract(doc));
const named = (tools: ToolDefinition[], name: string) => tools.find((tool) => tool.name === name)!;

describe('from the real contract', () => {
  test('one tool per operation, in its order, named by its id in snake case', () => {
    expect(toolsOf(loadSpec()).map((tool) => tool.name)).toEqual(
      describeContract().operations.map((op) => snake(op.id)),
    );
  });

  test.each([
    ['zzFixtureProbe', 'zz_fixture_probe'],
    ['listWidgetsV2', 'list_widgets_v2'],
    ['get-widget', 'get_widget'],
  ])('the naming rule: %s → %s', (operationId, name) => {
    expect(toolName(operationId)).toBe(name);
  });

  test('refuses an operation id that gives a name not every host takes', () => {
    expect(() => toolName(`z${'z'.repeat(64)}`)).toThrow('which not every host accepts');
    expect(() => toolName('2fast')).toThrow('which not every host accepts');
  });

  test('descriptions say what the operation does, its limits and the mistakes it refuses, without citations', () => {
    const update = named(toolsOf(loadSpec()), 'update_thread');
    expect(update.description).toMatch(
      /^Modify thread properties including metadata, title, and visibility settings\./,
    );
    expect(update.description).toContain('`title` replaces the existing title.');
    expect(update.description).toContain('Limits: metadata ≤ 16 keys, values ≤ 512 chars; title 1–200 chars.');
    expect(named(toolsOf(loadSpec()), 'create_thread').description).toContain(
      'Limits: messages ≤ 100 items, content 1–65536 chars; metadata ≤ 16 keys, values ≤ 512 chars; assistantId 1–128 chars; title 1–200 chars.',
    );
    expect(named(toolsOf(loadSpec()), 'list_threads').description).toContain(
      'Limits: limit 1–100; after, before, assistantId 1–128 chars.',
    );
    expect(update.description).toContain(
      'Refused: 404 thread_not_found; 413 payload_too_large; 422 invalid_title, metadata_limit_exceeded.',
    );
    expect(update.description).not.toMatch(/verbatim|Vendor page|House choice|In Development/);
    // Pin says what pinning twice does.
    expect(named(toolsOf(loadSpec()), 'pin_thread').description).toContain(
      'Pinning a pinned thread is a no-op that answers `200` with its original `pinned_at`;',
    );
  });

  test('input and output schemas are self-contained: every component reference inlined, no extension', () => {
    for (const tool of toolsOf(loadSpec())) {
      expect(JSON.stringify(tool.inputSchema), tool.name).not.toContain('$ref');
      expect(JSON.stringify(tool.outputSchema), tool.name).not.toContain('$ref');
      expect(JSON.stringify(tool.inputSchema), tool.name).not.toContain('"x-');
      expect(JSON.stringify(tool.outputSchema), tool.name).not.toContain('"x-');
      expect(tool.outputSchema?.type).toBe('object');
    }
    const create = named(toolsOf(loadSpec()), 'create_thread');
    // ThreadTitle, by reference in the contract, stands where it is used, with its limits and pattern.
    expect(create.inputSchema.properties?.title).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '\\S',
    });
    expect(create.inputSchema.properties?.visibleInUi).toMatchObject({ type: 'boolean', default: true });
    expect(create.call.arguments).toEqual({
      messages: 'body',
      metadata: 'body',
      assistantId: 'body',
      visibleInUi: 'body',
      title: 'body',
      idempotency_key: 'idempotencyKey',
    });
    // The Idempotency-Key header is an optional argument, with the contract's bounds.
    const header = describeContract().operation('createThread').parameters.header[0]!;
    expect(header.name).toBe('Idempotency-Key');
    expect(create.inputSchema.required ?? []).not.toContain('idempotency_key');
    expect(create.inputSchema.properties?.idempotency_key).toMatchObject({
      type: 'string',
      minLength: (header.schema as { minLength: number }).minLength,
      maxLength: (header.schema as { maxLength: number }).maxLength,
      description: expect.stringContaining('outcome is unknown'),
    });
    // A nullable reference in a result (title: ThreadTitle or Null) is a list of types.
    expect(create.outputSchema?.properties?.title).toEqual({ type: ['string', 'null'] });
  });
});

describe('from a changed copy of the contract', () => {
  test('an added operation becomes a tool, with nothing else edited', () => {
    const before = toolsOf(loadSpec());
    const changed = fixture((doc) => addProbe(doc));
    const after = toolsOf(changed);
    expect(after.map((tool) => tool.name)).toEqual([...before.map((tool) => tool.name), PROBE.tool]);
    const probe = named(after, PROBE.tool);
    expect(probe).toMatchObject({
      title: 'Probe fixture',
      annotations: { destructiveHint: false, idempotentHint: false, openWorldHint: false },
      call: { operationId: PROBE.operationId, arguments: { probe_id: 'path', reason: 'body' }, body: true },
      inputSchema: {
        required: ['probe_id', 'reason'],
        properties: { reason: { type: 'string', description: 'Why it is probed.', minLength: 3, maxLength: 280 } },
      },
    });
    // It answers and refuses as the write it borrows its responses from: the same refusals, the same result.
    const model = named(after, snake(probeModel(changed as Untyped).operationId));
    const refused = model.description.slice(model.description.indexOf('\n\nRefused: '));
    expect(refused).toMatch(/^\n\nRefused: \d{3} /);
    expect(probe.description).toBe(
      `Probe a fixture: it changes nothing real.\n\nLimits: reason 3–280 chars.${refused}`,
    );
    expect(probe.outputSchema).toEqual(model.outputSchema);
  });

  test('the build script writes it too: generated/tools.ts from a fixture bundle', () => {
    const dir = mkdtempSync(join(tmpdir(), 'freddy-mcp-generate-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(fixture((doc) => addProbe(doc))));
      const script = fileURLToPath(new URL('../scripts/generate-tools.ts', import.meta.url));
      const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
      execFileSync(tsx, [script, join(dir, 'openapi.json'), join(dir, 'tools.ts')], { stdio: 'pipe' });
      const written = readFileSync(join(dir, 'tools.ts'), 'utf8');
      expect(written).toContain(`"name": "${PROBE.tool}"`);
      expect(written.match(/"name": "/g)).toHaveLength(describeContract().operations.length + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a changed limit and a changed idempotency are followed', () => {
    const tools = toolsOf(
      fixture((doc) => {
        doc.components.schemas.ThreadTitle.maxLength = 150;
        delete doc.paths['/threads/{thread_id}/pin'].post['x-idempotent'];
      }),
    );
    const update = named(tools, 'update_thread');
    expect(update.inputSchema.properties?.title).toMatchObject({ maxLength: 150 });
    expect(update.description).toContain('title 1–150 chars');
    expect(named(tools, 'pin_thread').annotations).toMatchObject({ idempotentHint: false });
    expect(named(tools, 'unpin_thread').annotations).toMatchObject({ idempotentHint: true });
  });

  test('refuses a name shared by two arguments: a query parameter named like a body property', () => {
    const clash = fixture((doc) => {
      doc.paths['/threads'].post.parameters.push({
        name: 'title',
        in: 'query',
        required: false,
        description: 'A query parameter with the name of a body property.',
        schema: { type: 'string', description: 'A title.', maxLength: 10 },
      });
    });
    expect(() => toolsOf(clash)).toThrow(
      'createThread: the body property title has the name of a query parameter; one tool cannot take both',
    );
  });

  test('refuses what it could only misrepresent: a success body that is not an object, a recursive schema, a required header', () => {
    const arrayBody = fixture((doc) => {
      doc.paths['/threads/{thread_id}'].delete.responses['200'].content['application/json'].schema = {
        type: 'array',
        maxItems: 1,
        items: { type: 'string', maxLength: 8 },
      };
    });
    expect(() => toolsOf(arrayBody)).toThrow('deleteThread: its success body is not a JSON object');

    const recursive = fixture((doc) => {
      doc.components.schemas.MessageInput.properties.replies = {
        type: 'array',
        maxItems: 2,
        items: { $ref: '#/components/schemas/MessageInput' },
      };
    });
    expect(() => toolsOf(recursive)).toThrow('Schema MessageInput → MessageInput is recursive');

    const header = fixture((doc) => {
      doc.components.parameters.IdempotencyKey.required = true;
    });
    expect(() => toolsOf(header)).toThrow(
      'createThread: the required header parameter Idempotency-Key cannot be a tool argument',
    );
  });
});

describe('prose', () => {
  test.each([
    ['Retrieve a thread by its id. (Vendor page *Retrieve thread*.)', 'Retrieve a thread by its id.'],
    ['At most 128 characters (house bound, as every id here).', 'At most 128 characters.'],
    ['Sort direction. (`maxLength` is the longest value.)', 'Sort direction.'],
    [
      'At most 100 (house bound; the 64 KiB body limit applies as well).',
      'At most 100 (the 64 KiB body limit applies as well).',
    ],
    [
      'Pin it. (The *Pin thread* page, verbatim. House choice: pinning twice is a no-op.)',
      'Pin it. (Pinning twice is a no-op.)',
    ],
    ['Pinned first ("keep it at the top", *Pin thread*); then the rest.', 'Pinned first; then the rest.'],
    ['A cursor (usually its `lastId`).', 'A cursor (usually its `lastId`).'],
    ['Two lines\n  of one paragraph.\n\nA second one.', 'Two lines of one paragraph.\n\nA second one.'],
  ])('%j → %j', (input, output) => {
    expect(prose(input)).toBe(output);
  });
});
