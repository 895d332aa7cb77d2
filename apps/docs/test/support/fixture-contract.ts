/**
 * A copy of the contract with one operation added, named as no real contract
 * would name one, so the tests that prove "a new operation needs nothing
 * else" keep proving it however the contract grows. It sits beside Retrieve
 * thread (same servers, credential, path parameter and answers), under
 * `/threads/{thread_id}`, so it is also a neighbour of the real operations.
 */
import { loadSpec, type OpenApiDocument } from '@freddy/spec';

export const PROBE = {
  operationId: 'zzFixtureProbeThread',
  path: '/threads/{thread_id}/zz-fixture-probe',
  summary: 'Zz fixture probe',
  description: 'Zz fixture probe: an operation only the tests add, to watch the docs follow it.',
} as const;

/** `doc` (the bundled contract unless given), copied, with the probe operation added. */
export function withProbeOperation(doc: OpenApiDocument = loadSpec()): OpenApiDocument {
  const copy = structuredClone(doc);
  const retrieve = copy.paths!['/threads/{thread_id}']!;
  if (copy.paths![PROBE.path]) throw new Error(`The contract already has ${PROBE.path}`);
  copy.paths![PROBE.path] = {
    servers: retrieve.servers,
    post: {
      operationId: PROBE.operationId,
      summary: PROBE.summary,
      description: PROBE.description,
      tags: retrieve.get!.tags,
      security: retrieve.get!.security,
      parameters: retrieve.get!.parameters,
      responses: { '200': retrieve.get!.responses['200']!, '404': retrieve.get!.responses['404']! },
    },
  };
  return copy;
}
