/**
 * The generated samples say what the contract says: each operation's host,
 * method, path, auth header and first request example, in four languages,
 * injected only into the document the docs are built from.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { bundledSpecPath, listOperations, loadSpec, resolveRef } from '@freddy/spec';
import { describe, expect, it } from 'vitest';
import { docsSpec } from '../src/build-spec.js';
import { docsSpecPath } from '../src/paths.js';
import { type CodeSample, codeSamples, requestShape, sampleFor, withCodeSamples } from '../src/samples/index.js';

const doc = loadSpec();
const operations = listOperations(doc);
const byId = (operationId: string) => {
  const entry = operations.find((candidate) => candidate.operationId === operationId);
  if (!entry) throw new Error(`No ${operationId}`);
  return entry;
};

/** The JSON after `-d '…'` in a curl sample. */
function curlBody(curl: string): unknown {
  const match = /-d '([\s\S]*)'$/.exec(curl);
  return match ? JSON.parse(match[1]!.replace(/'\\''/g, "'")) : undefined;
}

describe('generated code samples', () => {
  it('gives every operation curl, JavaScript, Python and TypeScript samples', () => {
    expect(operations.length).toBe(8);
    for (const entry of operations)
      expect(codeSamples(doc, entry).map((sample) => sample.lang)).toEqual([
        'curl',
        'JavaScript',
        'Python',
        'TypeScript',
      ]);
  });

  it.each(operations.map((entry) => [entry.operationId, entry] as const))(
    '%s: host, method, path and auth header come from the contract',
    (_, entry) => {
      const samples = codeSamples(doc, entry);
      const shape = requestShape(doc, entry);
      const servers = (entry.operation.servers ?? entry.pathItem.servers) as { url: string }[];
      expect(shape.baseUrl).toBe(servers[0]!.url);
      const curl = sampleFor(samples, 'curl');
      expect(curl).toContain(`curl -X ${entry.method.toUpperCase()} "${servers[0]!.url}`);
      const firstRequirement = Object.keys((entry.operation.security as Record<string, unknown>[])[0]!)[0]!;
      const scheme = resolveRef<Record<string, unknown>>(doc, doc.components.securitySchemes![firstRequirement]);
      const header = scheme.type === 'apiKey' ? 'X-API-Key: $FREDDY_API_KEY' : 'Authorization: Bearer $FREDDY_API_KEY';
      expect(curl).toContain(`-H "${header}"`);
      expect(sampleFor(samples, 'Python')).toContain('os.environ["FREDDY_API_KEY"]');
      expect(sampleFor(samples, 'JavaScript')).toContain('process.env.FREDDY_API_KEY');
      expect(sampleFor(samples, 'TypeScript')).toContain("import { createFreddyClient } from '@freddy/client';");
    },
  );

  it('pin and unpin follow their vendor page: platform host, X-API-Key, a thrd_ id', () => {
    for (const operationId of ['pinThread', 'unpinThread']) {
      const curl = sampleFor(codeSamples(doc, byId(operationId)), 'curl');
      expect(curl.split(' \\\n')).toEqual([
        `curl -X POST "https://api.aitronos.com/v1/threads/thrd_abc123/${operationId === 'pinThread' ? 'pin' : 'unpin'}"`,
        '  -H "X-API-Key: $FREDDY_API_KEY"',
      ]);
    }
  });

  it("sends each operation's first request example as the body", () => {
    for (const entry of operations) {
      const requestBody = entry.operation.requestBody
        ? resolveRef<Record<string, unknown>>(doc, entry.operation.requestBody)
        : undefined;
      const examples = (requestBody?.content as Record<string, { examples?: Record<string, unknown> }> | undefined)?.[
        'application/json'
      ]?.examples;
      const first = examples ? resolveRef<{ value: unknown }>(doc, Object.values(examples)[0]).value : undefined;
      expect(curlBody(sampleFor(codeSamples(doc, entry), 'curl'))).toEqual(first);
    }
    // The Update thread page's first example, verbatim.
    expect(curlBody(sampleFor(codeSamples(doc, byId('updateThread')), 'curl'))).toEqual({
      metadata: { category: 'support', priority: 'high', status: 'resolved' },
    });
  });

  it('writes a body with a quote so that the shell still passes it intact', () => {
    const quoted = structuredClone(doc);
    const entry = listOperations(quoted).find((candidate) => candidate.operationId === 'updateThread')!;
    const examples = (entry.operation.requestBody as { content: Record<string, { examples: Record<string, unknown> }> })
      .content['application/json']!.examples;
    examples.UpdateMetadata = { value: { title: "Bob's thread" } };
    const curl = sampleFor(codeSamples(quoted, entry), 'curl');
    const echoed = execFileSync('bash', ['-c', `curl() { printf '%s' "\${@: -1}"; }\n${curl}`], {
      env: { PATH: process.env.PATH, FREDDY_API_KEY: 'k' },
    }).toString();
    expect(JSON.parse(echoed)).toEqual({ title: "Bob's thread" });
  });

  it('points every sample at another server and thread when asked (what the run tests use)', () => {
    const overrides = { baseUrl: 'http://127.0.0.1:9/v1', pathValues: { thread_id: 'thread_live' } };
    const samples = codeSamples(doc, byId('pinThread'), overrides);
    expect(sampleFor(samples, 'curl')).toContain('"http://127.0.0.1:9/v1/threads/thread_live/pin"');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected JavaScript source holds a template literal.
    expect(sampleFor(samples, 'JavaScript')).toContain('`http://127.0.0.1:9/v1/threads/${threadId}/pin`');
    expect(sampleFor(samples, 'Python')).toContain('f"http://127.0.0.1:9/v1/threads/{thread_id}/pin"');
    expect(sampleFor(samples, 'TypeScript')).toContain('baseUrl: "http://127.0.0.1:9/v1"');
    expect(sampleFor(samples, 'TypeScript')).toContain('client.threads.pin("thread_live")');
    // Published samples leave the host to the client, which knows each operation's own.
    expect(sampleFor(codeSamples(doc, byId('pinThread')), 'TypeScript')).not.toContain('baseUrl');
  });

  it('Python samples are valid Python', () => {
    for (const entry of operations) {
      const source = sampleFor(codeSamples(doc, entry), 'Python');
      expect(() =>
        execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: source }),
      ).not.toThrow();
    }
    expect(() =>
      execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: 'json={' }),
    ).toThrow();
  });
});

describe('the document the docs are built from', () => {
  it('adds x-codeSamples and the logo to a copy, leaving the contract untouched', () => {
    const before = readFileSync(bundledSpecPath, 'utf8');
    const built = docsSpec(loadSpec());
    expect(readFileSync(bundledSpecPath, 'utf8')).toBe(before);
    expect(before).not.toContain('x-codeSamples');
    for (const entry of listOperations(built))
      expect((entry.operation['x-codeSamples'] as CodeSample[]).map((sample) => sample.lang)).toHaveLength(4);
    expect((built.info as Record<string, unknown>)['x-logo']).toEqual({
      url: 'logo.svg',
      altText: 'Freddy Threads API',
    });
    expect(withCodeSamples(doc)).not.toBe(doc);
  });

  it('is what the last build wrote to build/openapi.json', () => {
    expect(existsSync(docsSpecPath)).toBe(true);
    expect(loadSpec(docsSpecPath)).toEqual(docsSpec(loadSpec()));
  });
});
