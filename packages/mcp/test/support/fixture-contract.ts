/**
 * Changed copies of the bundled contract, and the operation no real contract has: `zzFixtureProbe`
 * at `/zz-fixture-probe/{probe_id}`, named so that it never meets an operation the contract grows.
 */
import { loadSpec, type OpenApiDocument } from '@freddy/spec';

// biome-ignore lint/suspicious/noExplicitAny: a fixture reaches into the document untyped, to change it.
export type Untyped = Record<string, any>;

/** A copy of the bundle with one change. */
export function fixture(change: (doc: Untyped) => void): OpenApiDocument {
  const copy = structuredClone(loadSpec());
  change(copy as Untyped);
  return copy;
}

export const PROBE = { operationId: 'zzFixtureProbe', tool: 'zz_fixture_probe', path: '/zz-fixture-probe/{probe_id}' };

/**
 * Adds the probe: a POST with a path parameter and a body of one bounded property, secured, answered
 * and refused as the first write with a path parameter in the contract is (whatever that is).
 */
export function addProbe(doc: Untyped, description = 'Probe a fixture: it changes nothing real.'): void {
  const model = probeModel(doc);
  doc.paths[PROBE.path] = {
    post: {
      operationId: PROBE.operationId,
      // Its path's noun is its whole id: the client method is stated, as the contract asks then.
      'x-client-method': 'probe',
      summary: 'Probe fixture',
      description: `${description} (House choice.)`,
      security: model.security,
      parameters: [
        {
          name: 'probe_id',
          in: 'path',
          required: true,
          description: 'The probe.',
          schema: { type: 'string', minLength: 1, maxLength: 64 },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['reason'],
              properties: {
                reason: { type: 'string', description: 'Why it is probed.', minLength: 3, maxLength: 280 },
              },
            },
          },
        },
      },
      responses: model.responses,
    },
  };
}

/** The operation whose security and responses the probe borrows: the first write with a path parameter and a body. */
export function probeModel(doc: Untyped): Untyped {
  for (const [path, item] of Object.entries(doc.paths as Untyped)) {
    if (!path.includes('{')) continue;
    for (const method of ['post', 'patch', 'put']) {
      const op = (item as Untyped)[method];
      if (op?.requestBody) return op;
    }
  }
  throw new Error('The contract has no write with a path parameter and a body to model the probe on');
}
