/**
 * The packages as a consumer gets them: `pnpm pack` both, install the
 * tarballs into a fresh project outside the workspace, import the client
 * from ESM and CJS and call a real server with it, and type-check a usage
 * file against the packed `.d.ts` under NodeNext and bundler resolution.
 * Also: the build imports nothing but openapi-fetch, and no Node built-in.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeContract } from '@freddy/spec';
import { typecheck } from '@freddy/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signatureTypes } from '../../types/scripts/type-names.mjs';
import { clientDir, installConsumerProject, run } from './support/consumer-project.js';
import { type FaultServer, startFaultServer, threadFixture } from './support/fault-server.js';

let project: string;
let server: FaultServer;

/** Writes `source` as `<name>.mts` in the consumer project and type-checks it alone; tsc's report, empty when it checks. */
async function checkSource(
  name: string,
  source: string,
  compilerOptions: Record<string, unknown> = {},
): Promise<string> {
  writeFileSync(join(project, `${name}.mts`), source);
  const { output } = await typecheck({
    dir: project,
    name,
    files: [`${name}.mts`],
    compilerOptions: {
      strict: true,
      target: 'es2022',
      module: 'nodenext',
      lib: ['es2023', 'dom', 'dom.iterable'],
      types: [],
      ...compilerOptions,
    },
  });
  return output;
}

beforeAll(async () => {
  server = await startFaultServer();
  project = installConsumerProject();
});

afterAll(async () => {
  await server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

const script = (load: string) => `
${load}
const client = createFreddyClient({ apiKey: 'ak_consumer', baseUrl: process.env.API_URL, maxRetries: 0 });
client.threads.retrieve('thread_abc123').then(
  (thread) => client.threads.pin('missing').catch((e) => {
    console.log(JSON.stringify({ id: thread.id, error: e.name, isApiError: e instanceof FreddyApiError, status: e.status }));
  }),
);
`;

describe('installed from the packed tarballs', () => {
  test('the tarball holds the build, the types and no sources or tests', () => {
    const listing = run('tar', ['-tzf', readdirSync(project).find((f) => f.startsWith('freddy-client-'))!], project);
    const files = listing.trim().split('\n').sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'package/dist/index.js',
        'package/dist/index.cjs',
        'package/dist/index.d.ts',
        'package/dist/index.d.cts',
      ]),
    );
    expect(files.filter((f) => /\/(src|test|bench)\//.test(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@freddy/client/package.json'), 'utf8'));
    // workspace:^ in the workspace: a caret range on the types' version, so a consumer takes its fixes.
    const types = JSON.parse(readFileSync(join(clientDir, '../types/package.json'), 'utf8')) as { version: string };
    expect(manifest.dependencies['@freddy/types']).toBe(`^${types.version}`);
  });

  test.each(['client', 'types'])('@freddy/%s is MIT, with the repository’s LICENSE in its tarball', (name) => {
    const root = join(project, 'node_modules/@freddy', name);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toBe(readFileSync(join(clientDir, '../../LICENSE'), 'utf8'));
  });

  test.each([
    [
      'ESM',
      ['--input-type=module', '-e', script("import { createFreddyClient, FreddyApiError } from '@freddy/client';")],
    ],
    ['CJS', ['-e', script("const { createFreddyClient, FreddyApiError } = require('@freddy/client');")]],
  ])('%s: imports and calls a real server', async (_, args) => {
    server.script(
      { status: 200, body: threadFixture() },
      { status: 404, body: { error: { message: 'gone', type: 'not_found_error', code: 'thread_not_found' } } },
    );
    // Asynchronously: the server answering lives in this process.
    const { stdout: out } = await promisify(execFile)(process.execPath, args, {
      cwd: project,
      env: { ...process.env, API_URL: server.url },
    });
    expect(JSON.parse(out)).toEqual({ id: 'thread_abc123', error: 'NotFoundError', isApiError: true, status: 404 });
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/threads/thread_abc123', '/v1/threads/missing/pin']);
  });

  test.each(['nodenext', 'bundler'])('a usage file type-checks against the packed .d.ts (%s)', async (resolution) => {
    const usage = `
import { createFreddyClient, NotFoundError, type Thread, type PinStatus } from '@freddy/client';
import type { paths, ThreadList } from '@freddy/types';

export async function main(): Promise<void> {
  const client = createFreddyClient({ apiKey: 'ak_x', baseUrl: 'http://127.0.0.1:4010/v1' });
  const thread: Thread = await client.threads.create({ title: 'Hello', metadata: { a: 'b' } });
  const page: ThreadList = await client.threads.list({ limit: 10, order: 'asc' });
  const pinned: PinStatus = await client.threads.pin(thread.id, { timeoutMs: 1000 });
  const when: string | null = pinned.pinned_at;
  for await (const t of client.threads.iterate({ limit: 50 })) void t.title;
  // @ts-expect-error update needs a body
  await client.threads.update(thread.id);
  // @ts-expect-error status is a closed union
  const status: Thread['status'] = 'archived';
  const path: keyof paths = '/threads/{thread_id}/pin';
  try { await client.threads.retrieve('x'); } catch (e) { if (e instanceof NotFoundError) void e.code; }
  void page; void when; void status; void path;
}
`;
    const options = {
      module: resolution === 'bundler' ? 'esnext' : 'nodenext',
      moduleResolution: resolution,
      skipLibCheck: false,
    };
    expect(await checkSource(`usage-${resolution}`, usage, options)).toBe('');
  });

  // Strict codebases turn on exactOptionalPropertyTypes; there `apiKey?: string` refuses the
  // `string | undefined` that process.env gives, so every optional option is `?: T | undefined`,
  // and so is every optional query parameter and body field (@freddy/types' generator).
  test('a consumer under exactOptionalPropertyTypes passes options, query parameters and body fields that may be undefined', async () => {
    // Every query and body type a method takes, by the names the generators give them.
    const contract = describeContract();
    const inputs = contract.operations.flatMap((op) => {
      const { body, query } = signatureTypes(contract, op);
      return [body?.name, query?.name].filter((name) => name !== undefined);
    });
    expect(inputs).toContain('ListThreadsQuery');
    const strict = `
import { createFreddyClient, type FreddyClientOptions, type RequestOptions, type MessageInput, ${[...new Set(inputs)].map((name) => `type ${name}`).join(', ')} } from '@freddy/client';
declare const process: { env: Record<string, string | undefined> };
declare const maybe: number | undefined;
declare const maybeTitle: string | undefined;
declare const maybeVisible: boolean | undefined;

const client = createFreddyClient({ apiKey: process.env.FREDDY_API_KEY, baseUrl: process.env.FREDDY_BASE_URL, timeoutMs: maybe });
export const thread = await client.threads.retrieve('thread_abc123', { timeoutMs: maybe, idempotencyKey: process.env.KEY });
// A query and a body whose optional fields are variables that may be undefined.
export const page = await client.threads.list({ limit: maybe, after: process.env.CURSOR, visibleInUi: maybeVisible });
export const created = await client.threads.create({ title: maybeTitle, visibleInUi: maybeVisible, metadata: undefined });
export const updated = await client.threads.update('thread_abc123', { title: maybeTitle, metadata: undefined });

/** The optional fields of T that refuse \`undefined\` under exactOptionalPropertyTypes. */
type RefusesUndefined<T> = {
  [K in keyof T]-?: {} extends Pick<T, K> ? ({ [P in K]: undefined } extends Pick<T, K> ? never : K) : never;
}[keyof T];
type Check<T> = [RefusesUndefined<T>] extends [never] ? true : RefusesUndefined<T>;
// Every field, not only the ones used above: a new option or parameter declared \`?: T\` fails here by name.
export const clientOptions: Check<FreddyClientOptions> = true;
export const requestOptions: Check<RequestOptions> = true;
export const message: Check<MessageInput> = true;
${[...new Set(inputs)].map((name) => `export const check${name}: Check<${name}> = true;`).join('\n')}
// @ts-expect-error the check is not vacuous: a field declared \`?: T\` fails it
export const loose: Check<{ a?: string }> = true;
`;
    const options = { exactOptionalPropertyTypes: true, skipLibCheck: false };
    expect(await checkSource('exact-optional', strict, options)).toBe('');
  });

  test("the README's usage section type-checks against the packed .d.ts", async () => {
    const readme = readFileSync(join(clientDir, 'README.md'), 'utf8');
    const usage = readme.match(/```ts\n([\s\S]*?)```/)?.[1];
    expect(usage).toContain('createFreddyClient');
    // The consumer project has no @types/node; the snippet reads process.env only.
    const source = `declare const process: { env: Record<string, string | undefined> };\n${usage}`;
    expect(await checkSource('readme', source)).toBe('');
  });

  test('the same usage file with a real type error fails to check', async () => {
    const wrong = `import { createFreddyClient } from '@freddy/client';
const client = createFreddyClient({ apiKey: 'ak_x' });
export const title: number = (await client.threads.retrieve('x')).title;
`;
    expect(await checkSource('wrong', wrong)).toContain("Type 'string | null' is not assignable to type 'number'");
  });
});

describe('runs anywhere', () => {
  test('the build imports only openapi-fetch, and no Node built-in or global', () => {
    for (const file of ['dist/index.js', 'dist/index.cjs']) {
      const code = readFileSync(join(clientDir, file), 'utf8');
      const specifiers = [...code.matchAll(/(?:from\s+|require\()\s*["']([^"']+)["']/g)].map((m) => m[1]);
      expect(new Set(specifiers)).toEqual(new Set(['openapi-fetch']));
      expect(code).not.toMatch(/\b(process|Buffer|__dirname|global)\b\s*[.[]/);
    }
  });
});
