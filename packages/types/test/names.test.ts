/**
 * The named types of each operation's signature (generated/names.ts), which
 * @freddy/client's method signatures use: derived from the contract, so a
 * stale or wrongly named module fails here; an inline schema gets a name of
 * its own, and two types that would share a name are refused.
 */
import { readFileSync } from 'node:fs';
import { describeContract, loadSpec, type OpenApiDocument } from '@freddy/spec';
import { describe, expect, test } from 'vitest';
import { namesSource } from '../scripts/sources.mjs';
import { signatureTypes } from '../scripts/type-names.mjs';

const doc = loadSpec();
const contract = describeContract(doc);

// biome-ignore lint/suspicious/noExplicitAny: a fixture reaches into the document untyped.
type Untyped = Record<string, any>;

/** The bundle plus `POST /zz-fixture-probe/{probe_id}` (made from updateThread), changed by `change`. */
function withProbe(change: (copy: Untyped, probe: Untyped) => void = () => {}): OpenApiDocument {
  const copy = structuredClone(doc) as Untyped;
  const { servers, post } = copy.paths['/threads/{thread_id}'];
  const probe = {
    ...structuredClone(post),
    operationId: 'sendZzFixtureProbe',
    tags: ['Zz Fixture Probes'],
    parameters: [{ name: 'probe_id', in: 'path', required: true, schema: { type: 'string' } }],
  };
  copy.paths['/zz-fixture-probe/{probe_id}'] = { servers, post: probe };
  change(copy, probe);
  return copy as OpenApiDocument;
}

describe('generated/names.ts', () => {
  test('is what the generator makes of the bundled contract (not stale)', () => {
    expect(readFileSync(new URL('../generated/names.ts', import.meta.url), 'utf8')).toBe(namesSource(contract));
  });

  test.each(contract.operations.map((op) => [op.id, op] as const))(
    '%s: its answer and body by their component names, its query as <OperationId>Query',
    (_, op) => {
      const types = signatureTypes(contract, op);
      const source = namesSource(contract);
      expect(types.response.name).toBe(op.responses.find((response) => response.status === 200)?.schemaName);
      expect(types.body?.required).toBe(op.requestBody?.required);
      const query = op.parameters.query.length > 0 ? `${op.id[0]!.toUpperCase()}${op.id.slice(1)}Query` : undefined;
      expect(types.query?.name).toBe(query);
      for (const type of [types.response, types.body, types.query]) {
        if (type) expect(source).toContain(`export type ${type.name} = ${type.source};`);
      }
    },
  );
});

describe('a contract with one operation more', () => {
  test('an inline body and answer are named after the operation', () => {
    const fixture = describeContract(
      withProbe((_, probe) => {
        probe.requestBody.content['application/json'].schema = {
          type: 'object',
          properties: { zz: { type: 'string' } },
        };
        probe.responses['200'].content['application/json'].schema = { type: 'object' };
      }),
    );
    const types = signatureTypes(fixture, fixture.operation('sendZzFixtureProbe'));
    expect([types.response.name, types.body?.name]).toEqual(['SendZzFixtureProbeResponse', 'SendZzFixtureProbeBody']);
    expect(namesSource(fixture)).toContain(
      "export type SendZzFixtureProbeBody = NonNullable<operations['sendZzFixtureProbe']['requestBody']>['content']['application/json'];",
    );
  });

  test('two types that would share a name are refused', () => {
    const clash = describeContract(
      withProbe((copy, probe) => {
        probe.responses['200'].content['application/json'].schema = { type: 'object' };
        // A component of the name the probe's inline answer takes, answered by another operation.
        copy.components.schemas.SendZzFixtureProbeResponse = { type: 'object' };
        copy.paths['/threads/{thread_id}'].get.responses['200'].content['application/json'].schema = {
          $ref: '#/components/schemas/SendZzFixtureProbeResponse',
        };
      }),
    );
    expect(() => namesSource(clash)).toThrow('Two types would be named SendZzFixtureProbeResponse');
  });
});
