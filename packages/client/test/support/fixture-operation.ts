/**
 * A copy of the bundled contract with one operation more, under names no real
 * contract would use: `POST /zz-fixture-probe/{probe_id}`, made from
 * `updateThread` (a required JSON body, an Idempotency-Key, a `Thread` back).
 * The proof test and the size bench build the client from it.
 */
import { loadSpec, type OpenAPIV3_1, type OpenApiDocument } from '@freddy/spec';

export const FIXTURE_PATH = '/zz-fixture-probe/{probe_id}';

/** `tag` decides the resource: a new one (the default) or an existing one such as `Threads`. */
export function withFixtureOperation(
  { operationId = 'sendZzFixtureProbe', tag = 'Zz Fixture Probes' } = {},
  doc: OpenApiDocument = loadSpec(),
): OpenApiDocument {
  const copy = structuredClone(doc);
  const paths = copy.paths ?? {};
  const source = paths['/threads/{thread_id}'];
  if (!source?.post) throw new Error('the fixture is made from updateThread, which the contract no longer has');
  const probeId: OpenAPIV3_1.ParameterObject = {
    name: 'probe_id',
    in: 'path',
    required: true,
    description: 'The probe.',
    schema: { type: 'string' },
  };
  // updateThread's own path parameter is its first; the rest (the Idempotency-Key) are kept.
  const [, ...kept] = source.post.parameters ?? [];
  paths[FIXTURE_PATH] = {
    ...(source.servers ? { servers: source.servers } : {}),
    post: {
      ...source.post,
      operationId,
      tags: [tag],
      summary: 'Send a fixture probe',
      parameters: [probeId, ...kept],
    },
  };
  copy.paths = paths;
  return copy;
}
