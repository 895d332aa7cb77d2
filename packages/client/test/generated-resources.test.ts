/**
 * The resource methods are generated from the contract: one per operation,
 * on the resource and under the name `describeContract()` gives it, with an
 * explicit signature. A contract with one operation more gets its method,
 * its route and its types with nothing else edited: the client built from it
 * type-checks, and a call that breaks the new signature does not.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Contract, describeContract } from '@freddy/spec';
import { typecheck } from '@freddy/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clientRoute } from '../../types/scripts/operation-rows.mjs';
import { operationsSource } from '../../types/scripts/sources.mjs';
import { resourceMethod, resourceSource } from '../scripts/resource-source.mjs';
import { clientFromContract } from './support/client-from-contract.js';
import { FIXTURE_PATH, withFixtureOperation } from './support/fixture-operation.js';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const contract = describeContract();
const fixture = describeContract(withFixtureOperation());
const probe = fixture.operation('sendZzFixtureProbe');

/** A client laid out for `of` in a fresh folder that resolves openapi-fetch from this package. */
async function clientFolder(of: Contract): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'freddy-client-'));
  symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  await clientFromContract(of.document, dir);
  return dir;
}

/** Type-checks `source` as `name.ts` beside the client in `dir`, as this package's own code is checked. */
function check(dir: string, name: string, source: string) {
  writeFileSync(join(dir, `${name}.ts`), source);
  return typecheck({
    dir,
    name,
    files: [`${name}.ts`],
    extends: join(here, '../../tsconfig.base.json'),
    compilerOptions: { types: [] },
  });
}

/** One line a method: its promise is exactly the 200 body of the operation it is generated from. */
function answerChecks(of: Contract): string {
  return [
    "import { type ApiPromise, createFreddyClient, type SuccessBody } from './src/index.js';",
    "const client = createFreddyClient({ apiKey: 'ak_demo' });",
    'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
    ...of.operations.map(({ id, client: { resource, method } }) => {
      const returned = `ReturnType<typeof client.${resource}.${method}>`;
      return `export const ${id}: Same<${returned}, ApiPromise<SuccessBody<'${id}'>>> = true;`;
    }),
    '',
  ].join('\n');
}

describe('the generated resource methods', () => {
  test('generated/resources.ts is what the generator makes of the bundled contract (not stale)', () => {
    expect(readFileSync(join(here, 'generated/resources.ts'), 'utf8')).toBe(resourceSource(contract));
  });

  test.each(contract.operations.map((op) => [op.id, op] as const))(
    '%s: its path parameters in path order, then its body or query (optional as the contract says), then options',
    (_, op) => {
      const { signature } = resourceMethod(contract, op);
      const [, name, list] = signature.match(/^(\w+)\((.*)\): ApiPromise<\w+>;$/) ?? [];
      expect(name).toBe(op.client.method);
      const params = list?.split(', ').map((param) => param.replace(/: \w+$/, ': T'));
      const optional = (required: boolean | undefined) => (required ? '' : '?');
      expect(params).toEqual([
        ...op.template.names.map((path) => `${path.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}: T`),
        ...(op.requestBody ? [`body${optional(op.requestBody.required)}: T`] : []),
        ...(op.parameters.query.length ? [`query${optional(op.parameters.query.some((q) => q.required))}: T`] : []),
        'options?: T',
      ]);
    },
  );
  test('a name the client gives a hand-written member is refused', () => {
    const named = (tag: string, operationId: string) => describeContract(withFixtureOperation({ tag, operationId }));
    expect(() => resourceSource(named('Raw', 'sendZzFixtureProbe'))).toThrow(
      "sendZzFixtureProbe: client.raw is the client's own; the operation needs another tag",
    );
    expect(() => resourceSource(named('Threads', 'iterateThreads'))).toThrow(
      'iterateThreads: client.threads.iterate is hand-written; state another x-client-method',
    );
  });
});

describe('a contract with one operation more (zz fixture)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await clientFolder(fixture);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('names its method by the rule, with the explicit signature', () => {
    expect(probe.client).toEqual({ resource: 'zzFixtureProbes', method: 'send' });
    expect(resourceMethod(fixture, probe).signature).toBe(
      'send(probeId: string, body: UpdateThreadRequest, options?: RequestOptions): ApiPromise<Thread>;',
    );
    expect(resourceSource(fixture)).toContain('export interface ZzFixtureProbesMethods {');
  });

  test('the routing table has it', () => {
    expect(clientRoute(probe)).toMatchObject({ method: 'POST', path: FIXTURE_PATH, idempotencyKey: true });
    expect(operationsSource(fixture)).toContain(`sendZzFixtureProbe: ${JSON.stringify(clientRoute(probe))},`);
  });

  test('the client built from it type-checks, every method answering its operation’s body', async () => {
    const { ok, output } = await check(dir, 'answers', answerChecks(fixture));
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  test('a call that breaks the new signature does not type-check', async () => {
    const calls = [
      "import { createFreddyClient } from './src/index.js';",
      "const client = createFreddyClient({ apiKey: 'ak_demo' });",
      "export const fine = client.zzFixtureProbes.send('probe_1', { title: 'T' }, { idempotencyKey: 'k' });",
      "export const noBody = client.zzFixtureProbes.send('probe_1');",
      "export const wrongBody = client.zzFixtureProbes.send('probe_1', { title: 5 });",
      '',
    ].join('\n');
    const { ok, output } = await check(dir, 'broken', calls);
    expect(ok).toBe(false);
    expect(output.match(/broken\.ts\(\d+,\d+\): error/g)).toHaveLength(2);
    expect(output).not.toMatch(/broken\.ts\(3,/);
  });
});
