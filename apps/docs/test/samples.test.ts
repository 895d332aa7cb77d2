/**
 * The generated samples say what the contract says: each operation's host,
 * method, path, auth header and first request example, in four languages,
 * injected only into the document the docs are built from.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { bundledSpecPath, type ContractOperation, describeContract, extension, loadSpec } from '@freddy/spec';
import { describe, expect, it } from 'vitest';
import { docsSpec } from '../src/build-spec.js';
import { withTryItLinks } from '../src/console/document.js';
import { withMarkdownLinks } from '../src/markdown/html-links.js';
import { docsSpecPath } from '../src/paths.js';
import { codeSamples, publishedSamples, requestShape, sampleFor, withCodeSamples } from '../src/samples/index.js';

const contract = describeContract();
const { operations } = contract;
const cases = operations.map((operation) => [operation.id, operation] as const);
/** The Freddy host: the contract's first server. */
const FREDDY_HOST = contract.servers[0]!.url;
/** The operations the contract serves from another host (pin and unpin, from the platform's vendor pages). */
const platform = operations.filter((operation) => operation.server.url !== FREDDY_HOST);
const freddy = operations.filter((operation) => operation.server.url === FREDDY_HOST);

/** Every operationId the document's paths name, read from the document itself rather than the model. */
function documentOperationIds(): string[] {
  return Object.values(contract.document.paths ?? {}).flatMap((pathItem) =>
    Object.values(pathItem ?? {}).flatMap((value) =>
      value && typeof value === 'object' && 'operationId' in value ? [String(value.operationId)] : [],
    ),
  );
}

/** The JSON after `-d '…'` in a curl sample. */
function curlBody(curl: string): unknown {
  const match = /-d '([\s\S]*)'$/.exec(curl);
  return match ? JSON.parse(match[1]!.replace(/'\\''/g, "'")) : undefined;
}

describe('generated code samples', () => {
  it('gives every operation curl, JavaScript, Python and TypeScript samples', () => {
    expect(operations.map((operation) => operation.id).sort()).toEqual(documentOperationIds().sort());
    for (const operation of operations)
      expect(codeSamples(operation).map((sample) => sample.lang)).toEqual([
        'curl',
        'JavaScript',
        'Python',
        'TypeScript',
      ]);
  });

  it.each(cases)('%s: host, method, path and auth header come from the contract', (_, operation) => {
    const samples = codeSamples(operation);
    expect(requestShape(operation).baseUrl).toBe(operation.server.url);
    const curl = sampleFor(samples, 'curl');
    expect(curl).toContain(`curl -X ${operation.method} "${operation.server.url}`);
    const [scheme] = operation.security;
    const header = scheme!.kind === 'bearer' ? 'Authorization: Bearer' : `${scheme!.header}:`;
    expect(curl).toContain(`-H "${header} $FREDDY_API_KEY"`);
    expect(sampleFor(samples, 'Python')).toContain('os.environ["FREDDY_API_KEY"]');
    expect(sampleFor(samples, 'JavaScript')).toContain('process.env.FREDDY_API_KEY');
    expect(sampleFor(samples, 'TypeScript')).toContain("import { createFreddyClient } from '@freddy/client';");
  });

  it('the operations on the platform host follow their vendor pages: X-API-Key, a thrd_ id (pin verbatim)', () => {
    expect(FREDDY_HOST).toBe('https://api.freddy.aitronos.com/v1');
    expect(platform.map((operation) => operation.id)).toContain('pinThread');
    for (const operation of platform) {
      const curl = sampleFor(codeSamples(operation), 'curl');
      const path = operation.path.replace(/\{[^}]+\}/g, 'thrd_[a-z0-9]+');
      expect(curl.split(' \\\n'), operation.id).toEqual([
        expect.stringMatching(new RegExp(`^curl -X ${operation.method} "https://api\\.aitronos\\.com/v1${path}"$`)),
        '  -H "X-API-Key: $FREDDY_API_KEY"',
      ]);
      expect(sampleFor(codeSamples(operation), 'JavaScript')).toContain('"X-API-Key": apiKey,');
      expect(sampleFor(codeSamples(operation), 'Python')).toContain('headers={"X-API-Key": api_key},');
    }
    expect(sampleFor(codeSamples(contract.operation('pinThread')), 'curl').split(' \\\n')[0]).toBe(
      'curl -X POST "https://api.aitronos.com/v1/threads/thrd_abc123/pin"',
    );
  });

  it('the Freddy operations send the key as a bearer token, on the Freddy host', () => {
    expect(freddy.length).toBeGreaterThan(0);
    for (const operation of freddy) {
      const samples = codeSamples(operation);
      expect(sampleFor(samples, 'curl')).toContain('"https://api.freddy.aitronos.com/v1/threads');
      expect(sampleFor(samples, 'curl')).toContain('-H "Authorization: Bearer $FREDDY_API_KEY"');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected JavaScript source holds a template literal.
      expect(sampleFor(samples, 'JavaScript')).toContain('Authorization: `Bearer ${apiKey}`,');
      expect(sampleFor(samples, 'Python')).toContain('headers={"Authorization": f"Bearer {api_key}"},');
    }
  });

  it("sends each operation's first request example as the body", () => {
    for (const operation of operations)
      expect(curlBody(sampleFor(codeSamples(operation), 'curl'))).toEqual(operation.requestBody?.examples[0]?.value);
    // The Update thread page's first example, verbatim.
    expect(curlBody(sampleFor(codeSamples(contract.operation('updateThread')), 'curl'))).toEqual({
      metadata: { category: 'support', priority: 'high', status: 'resolved' },
    });
  });

  it('writes a body with a quote so that the shell still passes it intact', () => {
    const update = contract.operation('updateThread');
    const quoted: ContractOperation = {
      ...update,
      requestBody: { ...update.requestBody!, examples: [{ name: 'Quoted', value: { title: "Bob's thread" } }] },
    };
    const curl = sampleFor(codeSamples(quoted), 'curl');
    const echoed = execFileSync('bash', ['-c', `curl() { printf '%s' "\${@: -1}"; }\n${curl}`], {
      env: { PATH: process.env.PATH, FREDDY_API_KEY: 'k' },
    }).toString();
    expect(JSON.parse(echoed)).toEqual({ title: "Bob's thread" });
  });

  it('points every sample at another server and thread when asked (what the run tests use)', () => {
    const overrides = { baseUrl: 'http://127.0.0.1:9/v1', pathValues: { thread_id: 'thread_live' } };
    const pin = contract.operation('pinThread');
    const samples = codeSamples(pin, overrides);
    expect(sampleFor(samples, 'curl')).toContain('"http://127.0.0.1:9/v1/threads/thread_live/pin"');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected JavaScript source holds a template literal.
    expect(sampleFor(samples, 'JavaScript')).toContain('`http://127.0.0.1:9/v1/threads/${threadId}/pin`');
    expect(sampleFor(samples, 'Python')).toContain('f"http://127.0.0.1:9/v1/threads/{thread_id}/pin"');
    expect(sampleFor(samples, 'TypeScript')).toContain('baseUrl: "http://127.0.0.1:9/v1"');
    expect(sampleFor(samples, 'TypeScript')).toContain('client.threads.pin("thread_live")');
    // Published samples leave the host to the client, which knows each operation's own.
    expect(sampleFor(codeSamples(pin), 'TypeScript')).not.toContain('baseUrl');
  });

  it('shows, for the last path parameter, the id the success example answers with, else its example', () => {
    const pin = contract.operation('pinThread');
    const answering = (examples: { name: string; value: unknown }[]): ContractOperation => ({
      ...pin,
      success: { ...pin.success, examples },
    });
    expect(requestShape(answering([{ name: 'Pinned', value: { id: 'thrd_answered' } }])).pathParams).toEqual([
      { name: 'thread_id', value: 'thrd_answered' },
    ]);
    expect(requestShape(answering([])).pathParams).toEqual([
      { name: 'thread_id', value: String(pin.parameters.path[0]!.example) },
    ]);
  });

  it('percent-encodes a path value in the concrete URL', () => {
    const curl = sampleFor(
      codeSamples(contract.operation('retrieveThread'), { pathValues: { thread_id: 'a/b c' } }),
      'curl',
    );
    expect(curl).toContain('/threads/a%2Fb%20c"');
  });

  it('Python samples are valid Python', () => {
    for (const operation of operations) {
      const source = sampleFor(codeSamples(operation), 'Python');
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
    for (const operation of describeContract(built).operations)
      expect(publishedSamples(built, operation)).toEqual(codeSamples(operation));
    expect(extension(built.info, 'x-logo')).toEqual({ url: 'logo.svg', altText: 'Freddy Threads API' });
    expect(withCodeSamples(contract.document)).not.toBe(contract.document);
  });

  it('is what the last build wrote to build/openapi.json, with the reference\'s "Try it" and Markdown links', () => {
    expect(existsSync(docsSpecPath)).toBe(true);
    expect(loadSpec(docsSpecPath)).toEqual(withTryItLinks(withMarkdownLinks(docsSpec(loadSpec()))));
  });
});
