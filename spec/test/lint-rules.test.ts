/**
 * Proves the lint is live: the real bundled contract lints clean, and each
 * mutation below, one mistake at a time, makes the named rule fail.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type JsonObject, loadSpec, type OpenApiDocument } from '../src/index.js';

type Mutation = (doc: OpenApiDocument) => void;

/** The object at a path of keys; a missing step is a broken test, so it throws. */
function at(doc: OpenApiDocument, ...keys: string[]): JsonObject {
  return keys.reduce<JsonObject>((node, key) => {
    const next = node[key];
    if (!next || typeof next !== 'object') throw new Error(`No ${keys.join('.')} in the bundle`);
    return next as JsonObject;
  }, doc);
}

const cases: Record<string, { rule: string; mutate: Mutation }> = {
  'an operation without any 4xx response': {
    rule: 'operation-4xx-response',
    mutate: (doc) => {
      const responses = at(doc, 'paths', '/threads/{thread_id}', 'get', 'responses');
      for (const status of Object.keys(responses)) if (status.startsWith('4')) delete responses[status];
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
      media.schema = { type: 'object', description: 'Ad hoc error.' };
      media.examples = {};
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
      at(doc, 'components', 'schemas').Orphan = { type: 'string', description: 'Nothing refers to this.' };
    },
  },
  'a server URL with a trailing slash': {
    rule: 'no-server-trailing-slash',
    mutate: (doc) => {
      (doc.servers as { url: string }[])[0]!.url = 'https://api.freddy.aitronos.com/v1/';
    },
  },
};

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string }[];
}

const specDir = fileURLToPath(new URL('..', import.meta.url));
const redocly = join(specDir, 'node_modules/.bin/redocly');
let reports: Map<string, LintReport>;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'freddy-lint-'));
  const files = ['control', ...Object.keys(cases)].map((name, i) => {
    const doc = loadSpec();
    if (name !== 'control') cases[name]?.mutate(doc);
    const file = join(dir, `${String(i).padStart(2, '0')}.json`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return { name, file };
  });
  let output: string;
  try {
    output = execFileSync(redocly, ['lint', ...files.map((f) => f.file), '--config', 'redocly.yaml', '--format=json'], {
      cwd: specDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // A failed lint exits non-zero; its report is what we want.
    output = (error as { stdout: string }).stdout;
  }
  // One JSON report per file, concatenated in argument order.
  const chunks = output.split(/(?<=\})\s*(?=\{\s*"totals")/).map((chunk) => JSON.parse(chunk) as LintReport);
  expect(chunks).toHaveLength(files.length);
  reports = new Map(files.map((f, i) => [f.name, chunks[i] as LintReport]));
});

describe('redocly lint with the house rules', () => {
  it('passes the real contract with no errors and no warnings', () => {
    expect(reports.get('control')?.problems).toEqual([]);
  });

  it.each(Object.entries(cases))('fails %s (%s)', (name, { rule }) => {
    const report = reports.get(name);
    expect(report?.totals.errors).toBeGreaterThan(0);
    expect(report?.problems.map((p) => p.ruleId)).toContain(rule);
  });
});
