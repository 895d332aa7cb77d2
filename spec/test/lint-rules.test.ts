/**
 * Proves the lint is live: the real bundled contract lints clean, and each
 * mutation below, one mistake at a time, makes the named rule fail and no
 * other.
 *
 * Everything runs in-process with `@redocly/openapi-core` (the engine inside
 * the Redocly CLI) and the same `redocly.yaml`, so no child process, no output
 * parsing, and nothing to time out on a busy machine.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Config, lintFromString, loadConfig, type NormalizedProblem } from '@redocly/openapi-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, type Json } from './bundle-mutation.js';

type Mutation = (doc: Json) => void;

const specDir = fileURLToPath(new URL('..', import.meta.url));
const bundlePath = `${specDir}dist/openapi.json`;
const configPath = `${specDir}redocly.yaml`;

interface Case {
  rule: string;
  mutate: Mutation;
  /** Rules that must fire too, because the one mistake necessarily breaks them as well. */
  alsoFires?: string[];
}

const cases: Record<string, Case> = {
  'an operation without any 4xx response': {
    rule: 'operation-4xx-response',
    // The 429 is a 4xx response, so an operation without any has no 429 either.
    alsoFires: ['rule/rate-limited'],
    mutate: (doc) => {
      const responses = at(doc, 'paths', '/threads/{thread_id}', 'get', 'responses');
      for (const status of Object.keys(responses)) if (status.startsWith('4')) delete responses[status];
    },
  },
  'a non-idempotent POST without the Idempotency-Key header': {
    rule: 'house/idempotency-key',
    mutate: (doc) => {
      delete at(doc, 'paths', '/threads', 'post').parameters;
    },
  },
  'a non-idempotent POST whose Idempotency-Key is required': {
    rule: 'house/idempotency-key',
    mutate: (doc) => {
      const create = at(doc, 'paths', '/threads', 'post');
      create.parameters = [{ ...at(doc, 'components', 'parameters', 'IdempotencyKey'), required: true }];
    },
  },
  'a non-idempotent POST whose answer does not say it was replayed': {
    rule: 'house/idempotency-key',
    mutate: (doc) => {
      delete at(doc, 'paths', '/threads', 'post', 'responses', '200', 'headers')['Idempotent-Replayed'];
    },
  },
  'a media-type example that breaks its schema': {
    rule: 'no-invalid-media-type-examples',
    mutate: (doc) => {
      at(doc, 'components', 'examples', 'UpdatedThreadSeed', 'value').visibleInUi = 'no';
    },
  },
  'a schema example that breaks its schema': {
    rule: 'no-invalid-schema-examples',
    mutate: (doc) => {
      at(doc, 'components', 'schemas', 'ThreadTitle').examples = ['x'.repeat(201)];
    },
  },
  'a path parameter not marked required': {
    rule: 'rule/path-parameter-required',
    mutate: (doc) => {
      at(doc, 'components', 'parameters', 'ThreadId').required = false;
    },
  },
  'a parameter without a description': {
    rule: 'rule/parameter-description',
    mutate: (doc) => {
      delete at(doc, 'components', 'parameters', 'Limit').description;
    },
  },
  'a property without a description': {
    rule: 'rule/schema-property-description',
    mutate: (doc) => {
      delete at(doc, 'components', 'schemas', 'Thread', 'properties', 'userId').description;
    },
  },
  'a property without an example': {
    rule: 'rule/schema-property-example',
    mutate: (doc) => {
      delete at(doc, 'components', 'schemas', 'Thread', 'properties', 'userId').examples;
    },
  },
  'an error response without an error envelope': {
    rule: 'rule/error-response-envelope',
    mutate: (doc) => {
      const media = at(doc, 'components', 'responses', 'NotFound', 'content', 'application/json');
      media.schema = { type: 'object', description: 'Ad hoc error.', additionalProperties: true };
    },
  },
  'a response without x-request-id': {
    rule: 'rule/response-request-id',
    mutate: (doc) => {
      delete at(doc, 'components', 'responses', 'Forbidden', 'headers')['x-request-id'];
    },
  },
  'an operation without a 429': {
    rule: 'rule/rate-limited',
    mutate: (doc) => {
      delete at(doc, 'paths', '/threads/{thread_id}/pin', 'post', 'responses')['429'];
    },
  },
  'a 429 without Retry-After': {
    rule: 'rule/retry-after-on-429',
    mutate: (doc) => {
      delete at(doc, 'components', 'responses', 'TooManyRequests', 'headers')['Retry-After'];
    },
  },
  'an operationId that is not camelCase': {
    rule: 'rule/operationId-camelCase',
    mutate: (doc) => {
      at(doc, 'paths', '/threads/{thread_id}/pin', 'post').operationId = 'Pin_Thread';
    },
  },
  'an operation without security': {
    rule: 'security-defined',
    mutate: (doc) => {
      delete at(doc, 'paths', '/threads', 'get').security;
    },
  },
  'an unused component': {
    rule: 'no-unused-components',
    mutate: (doc) => {
      at(doc, 'components', 'schemas').Orphan = {
        type: 'string',
        description: 'Nothing refers to this.',
        'x-source': { house: 'Only this fixture needs it.' },
        maxLength: 10,
        examples: ['orphan'],
      };
    },
  },
  'a string schema without maxLength': {
    rule: 'rule/string-max-length',
    mutate: (doc) => {
      delete at(doc, 'components', 'schemas', 'AssistantId').maxLength;
    },
  },
  'a path parameter string without maxLength': {
    rule: 'rule/string-max-length',
    mutate: (doc) => {
      delete at(doc, 'components', 'parameters', 'ThreadIdToPin', 'schema').maxLength;
    },
  },
  'an inline anyOf string without maxLength': {
    rule: 'rule/string-max-length',
    mutate: (doc) => {
      delete at(doc, 'components', 'schemas', 'ThreadList', 'properties', 'firstId', 'anyOf', '0').maxLength;
    },
  },
  'an integer schema without maximum': {
    rule: 'rule/integer-range',
    mutate: (doc) => {
      delete at(doc, 'components', 'schemas', 'UnixTimestamp').maximum;
    },
  },
  'a header integer without minimum': {
    rule: 'rule/integer-range',
    mutate: (doc) => {
      delete at(doc, 'components', 'headers', 'Retry-After', 'schema').minimum;
    },
  },
  'an integer schema without format': {
    rule: 'rule/integer-format',
    mutate: (doc) => {
      delete at(doc, 'components', 'parameters', 'Limit', 'schema').format;
    },
  },
  'an integer schema with a format other than int32 or int64': {
    rule: 'rule/integer-format',
    mutate: (doc) => {
      at(doc, 'components', 'schemas', 'PlatformErrorResponse', 'properties', 'error', 'properties', 'status').format =
        'double';
    },
  },
  'an array schema without maxItems': {
    rule: 'rule/array-max-items',
    mutate: (doc) => {
      delete at(doc, 'components', 'schemas', 'ThreadList', 'properties', 'data').maxItems;
    },
  },
  'a success response without X-RateLimit-Remaining': {
    rule: 'rule/response-rate-limit-headers',
    mutate: (doc) => {
      delete at(doc, 'paths', '/threads', 'get', 'responses', '200', 'headers')['X-RateLimit-Remaining'];
    },
  },
  'an error response without X-RateLimit-Reset': {
    rule: 'rule/response-rate-limit-headers',
    mutate: (doc) => {
      delete at(doc, 'components', 'responses', 'NotFound', 'headers')['X-RateLimit-Reset'];
    },
  },
  'a server entry without x-environment': {
    rule: 'rule/server-environment',
    mutate: (doc) => {
      delete at(doc, 'servers', '0')['x-environment'];
    },
  },
  'a path-level server entry with an unknown environment': {
    rule: 'rule/server-environment',
    mutate: (doc) => {
      at(doc, 'paths', '/threads/{thread_id}/pin', 'servers', '1')['x-environment'] = 'staging';
    },
  },
  'an x-idempotent that is not true': {
    rule: 'rule/idempotent-true',
    mutate: (doc) => {
      at(doc, 'paths', '/threads/{thread_id}/pin', 'post')['x-idempotent'] = 'yes';
    },
  },
  'an error response without Access-Control-Allow-Origin': {
    rule: 'rule/response-cors-origin',
    mutate: (doc) => {
      delete at(doc, 'components', 'responses', 'PlatformForbidden', 'headers')['Access-Control-Allow-Origin'];
    },
  },
  'a success response without Access-Control-Allow-Origin': {
    rule: 'rule/response-cors-origin',
    mutate: (doc) => {
      delete at(doc, 'paths', '/threads/{thread_id}/pin', 'post', 'responses', '200', 'headers')[
        'Access-Control-Allow-Origin'
      ];
    },
  },
  'a path-level server entry without x-internal': {
    rule: 'rule/server-audience',
    mutate: (doc) => {
      delete at(doc, 'paths', '/threads', 'servers', '0')['x-internal'];
    },
  },
  'a path-level server over plain http to a host that is not loopback': {
    rule: 'rule/server-https-unless-loopback',
    mutate: (doc) => {
      at(doc, 'paths', '/threads/{thread_id}/unpin', 'servers', '0').url = 'http://api.aitronos.com/v1';
    },
  },
  'a server over plain http to a name that only starts like loopback': {
    rule: 'rule/server-https-unless-loopback',
    mutate: (doc) => {
      at(doc, 'servers', '2').url = 'http://127.0.0.1.example.net/v1';
    },
  },
  'an operation that does not say where its facts come from': {
    rule: 'house/x-source',
    mutate: (doc) => {
      delete at(doc, 'paths', '/threads', 'get')['x-source'];
    },
  },
  'a parameter that does not say where its facts come from': {
    rule: 'house/x-source',
    mutate: (doc) => {
      delete at(doc, 'components', 'parameters', 'IdempotencyKey')['x-source'];
    },
  },
  'a header that does not say where its facts come from': {
    rule: 'house/x-source',
    mutate: (doc) => {
      delete at(doc, 'components', 'headers', 'Retry-After')['x-source'];
    },
  },
  'an inline response that does not say where its facts come from': {
    rule: 'house/x-source',
    mutate: (doc) => {
      delete at(doc, 'paths', '/threads/{thread_id}/pin', 'post', 'responses', '200')['x-source'];
    },
  },
  'a shared response that does not say where its facts come from': {
    rule: 'house/x-source',
    mutate: (doc) => {
      delete at(doc, 'components', 'responses', 'PayloadTooLarge')['x-source'];
    },
  },
  'a component schema that does not say where its facts come from': {
    rule: 'house/x-source',
    mutate: (doc) => {
      delete at(doc, 'components', 'schemas', 'Null')['x-source'];
    },
  },
  'a security scheme that does not say where its facts come from': {
    rule: 'house/x-source',
    mutate: (doc) => {
      delete at(doc, 'components', 'securitySchemes', 'ApiKeyAuth')['x-source'];
    },
  },
  'an x-source with a key other than page, seed and house': {
    rule: 'house/x-source',
    mutate: (doc) => {
      at(doc, 'components', 'schemas', 'Thread', 'properties', 'isPinned', 'x-source').vendor = 'Pin thread';
    },
  },
  'an x-source that names nothing': {
    rule: 'house/x-source',
    mutate: (doc) => {
      at(doc, 'components', 'examples', 'PayloadTooLarge')['x-source'] = {};
    },
  },
  'an x-source whose house reason is not text': {
    rule: 'house/x-source',
    mutate: (doc) => {
      at(doc, 'components', 'parameters', 'After', 'x-source').house = true;
    },
  },
  'an x-source that is a bare string': {
    rule: 'house/x-source',
    mutate: (doc) => {
      at(doc, 'paths', '/threads', 'post')['x-source'] = 'Create thread';
    },
  },
  'an operation description that says where a fact comes from': {
    rule: 'house/reader-text',
    mutate: (doc) => {
      const retrieve = at(doc, 'paths', '/threads/{thread_id}', 'get');
      retrieve.description = `${retrieve.description} (Vendor page *Retrieve thread*.)`;
    },
  },
  'a property description that names a house bound': {
    rule: 'house/reader-text',
    mutate: (doc) => {
      at(doc, 'components', 'schemas', 'Thread', 'properties', 'id').description =
        'At most 128 characters (house bound).';
    },
  },
  'a parameter description that calls a rule a house choice': {
    rule: 'house/reader-text',
    mutate: (doc) => {
      const after = at(doc, 'components', 'parameters', 'After');
      after.description = `${after.description} (House choice.)`;
    },
  },
  'the API description quoting a page verbatim': {
    rule: 'house/reader-text',
    mutate: (doc) => {
      const info = at(doc, 'info');
      info.description = `${info.description}\n\nThe pin operation is the *Pin thread* page, verbatim.`;
    },
  },
  'a server URL with a trailing slash': {
    rule: 'no-server-trailing-slash',
    mutate: (doc) => {
      at(doc, 'servers', '0').url = 'https://api.freddy.aitronos.com/v1/';
    },
  },
};

const bundle = readFileSync(bundlePath, 'utf8');
let config: Config;

beforeAll(async () => {
  config = await loadConfig({ configPath });
});

/** Lints a document in-process with the house config; every problem, ignored ones left out. */
async function lint(doc: Json): Promise<NormalizedProblem[]> {
  const problems = await lintFromString({ source: JSON.stringify(doc, null, 2), absoluteRef: bundlePath, config });
  return problems.filter((problem) => !problem.ignored);
}

function describeProblems(problems: NormalizedProblem[]): string {
  return problems.map((p) => `${p.ruleId} (${p.severity}): ${p.message}`).join('\n');
}

describe('redocly lint with the house rules', () => {
  it('passes the real contract with no errors and no warnings', async () => {
    const problems = await lint(JSON.parse(bundle) as Json);
    expect(problems, describeProblems(problems)).toEqual([]);
  });

  it.each(Object.entries(cases).map(([name, c]) => [name, c.rule, c] as const))(
    'fails %s (%s)',
    async (_name, rule, { mutate, alsoFires = [] }) => {
      const doc = JSON.parse(bundle) as Json;
      mutate(doc);
      const problems = await lint(doc);
      expect(
        problems.some((p) => p.severity === 'error'),
        'at least one error',
      ).toBe(true);
      const fired = [...new Set(problems.map((p) => p.ruleId))].sort();
      expect(fired, describeProblems(problems)).toEqual([rule, ...alsoFires].sort());
    },
  );
});
