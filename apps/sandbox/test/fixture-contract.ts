/**
 * A copy of the bundled contract with operations added that no real contract
 * would have (`zzFixture…` at `/zz-fixture-probe/{probe_id}`), built from the
 * contract's own components (its error responses, headers, Idempotency-Key
 * and security schemes): what a new operation in the spec looks like to the
 * sandbox before anyone writes its handler. The names stay unique however the
 * contract grows, so the tests that use them keep proving that a new
 * operation needs nothing else.
 */
import { type Contract, createResponseValidator, describeContract } from '@freddy/spec';
import { contract } from './helpers.js';

type Json = Record<string, any>;

export const PROBE_PATH = '/zz-fixture-probe/{probe_id}';
/** A bodiless POST that takes an Idempotency-Key and answers 201 from one of two named examples. */
export const PROBE_WRITE = 'zzFixtureProbe';
/** A GET with a bounded query parameter, answering 200. */
export const PROBE_READ = 'zzFixtureProbeRead';

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** The response headers every success answer of the contract documents. */
const successHeaders = (...extra: string[]) =>
  Object.fromEntries(
    ['x-request-id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Access-Control-Allow-Origin']
      .concat(extra)
      .map((name) => [name, ref('headers', name === 'x-request-id' ? 'X-Request-Id' : name)]),
  );

const probeSchema = {
  type: 'object',
  required: ['object', 'id', 'state'],
  additionalProperties: false,
  properties: {
    object: { const: 'zz.probe' },
    id: { type: 'string' },
    state: { type: 'string', enum: ['started', 'queued', 'idle'] },
  },
};

function success(description: string, examples: Record<string, unknown>, ...headers: string[]): Json {
  return {
    description,
    headers: successHeaders(...headers),
    content: {
      'application/json': {
        schema: probeSchema,
        examples: Object.fromEntries(Object.entries(examples).map(([name, value]) => [name, { value }])),
      },
    },
  };
}

/** The Freddy envelope's documented errors, by the contract's own response components. */
const errorResponses = (badRequest: string) => ({
  400: ref('responses', badRequest),
  401: ref('responses', 'Unauthorized'),
  403: ref('responses', 'Forbidden'),
  404: ref('responses', 'NotFound'),
  429: ref('responses', 'TooManyRequests'),
  500: ref('responses', 'InternalServerError'),
});

/** The bundled document, copied, with the probe operations added. */
export function probeDocument(): Json {
  const document = structuredClone(contract.document) as Json;
  if (document.paths[PROBE_PATH]) throw new Error(`${PROBE_PATH} is already in the contract`);
  const security = [{ BearerAuth: [] }];
  document.paths[PROBE_PATH] = {
    parameters: [
      {
        name: 'probe_id',
        in: 'path',
        required: true,
        description: 'A probe.',
        schema: { type: 'string', pattern: '^probe_[a-z0-9]{1,16}$', examples: ['probe_1'] },
      },
    ],
    get: {
      operationId: PROBE_READ,
      summary: 'Read a probe',
      security,
      parameters: [
        {
          name: 'depth',
          in: 'query',
          required: false,
          description: 'How deep.',
          schema: { type: 'integer', minimum: 1, maximum: 3 },
        },
      ],
      responses: {
        200: success('The probe.', { ProbeIdle: { object: 'zz.probe', id: 'probe_1', state: 'idle' } }),
        ...errorResponses('BadRequest'),
      },
    },
    post: {
      operationId: PROBE_WRITE,
      // The client's rule would name it by what is left of the id once the resource's noun goes: nothing.
      'x-client-method': 'start',
      'x-idempotent': true,
      summary: 'Start a probe',
      security,
      parameters: [ref('parameters', 'IdempotencyKey')],
      responses: {
        201: success(
          'The probe, started.',
          {
            ProbeStarted: { object: 'zz.probe', id: 'probe_1', state: 'started' },
            ProbeQueued: { object: 'zz.probe', id: 'probe_2', state: 'queued' },
          },
          'Idempotent-Replayed',
        ),
        ...errorResponses('WriteBadRequest'),
        409: ref('responses', 'Conflict'),
      },
    },
  };
  return document;
}

export interface ProbeContract {
  document: Json;
  model: Contract;
  checkResponse: ReturnType<typeof createResponseValidator>;
}

export function probeContract(): ProbeContract {
  const document = probeDocument();
  const model = describeContract(document as Contract['document']);
  return { document, model, checkResponse: createResponseValidator(model) };
}
