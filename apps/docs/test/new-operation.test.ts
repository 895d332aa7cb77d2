/**
 * The repository's promise, kept by a test: a new operation costs one spec
 * edit. A copy of the repository gets one operation more (its path file and
 * the line that references it in `openapi.yaml`, nothing else), is installed
 * and built as `pnpm build` builds it, and then every consumer has it: the
 * reference server answers it from its documented example, the client has its
 * method (called over a real socket) with an explicit signature in its
 * published types, the MCP server lists its tool, and the docs have its
 * section, Markdown page, `llms.txt` line and console entry.
 *
 * It lives here because the docs are the last package the build reaches. The
 * names are ones no real contract would take, so the proof holds as the
 * contract grows.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium, openPage, requireChromiumOrSkip } from '@freddy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBE } from './support/fixture-contract.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const { operationId: OPERATION_ID, summary: SUMMARY, path: PATH } = PROBE;
const PATH_FILE = 'paths/threads_{thread_id}_zz-fixture-probe.yaml';

/** The whole spec edit: a path file written as `spec/README.md` says, using the components there are. */
const PATH_ITEM = `parameters:
  - $ref: ../components/parameters/ThreadId.yaml
post:
  operationId: ${OPERATION_ID}
  x-idempotent: true
  summary: ${SUMMARY}
  description: Probes a thread for the repository's own test of a new operation; answers the thread.
  x-source:
    house: The repository's proof that a new operation costs one spec edit.
  tags:
    - Threads
  security:
    - BearerAuth: []
  parameters:
    - $ref: ../components/parameters/IdempotencyKey.yaml
  responses:
    "200":
      description: The probed thread.
      x-source:
        house: The thread as every thread operation answers it.
      headers:
        Idempotent-Replayed:
          $ref: ../components/headers/Idempotent-Replayed.yaml
      content:
        application/json:
          schema:
            $ref: ../components/schemas/Thread.yaml
          examples:
            Thread:
              $ref: ../components/examples/Thread.yaml
    "400":
      $ref: ../components/responses/BadRequest.yaml
    "401":
      $ref: ../components/responses/Unauthorized.yaml
    "403":
      $ref: ../components/responses/Forbidden.yaml
    "404":
      $ref: ../components/responses/NotFound.yaml
    "409":
      $ref: ../components/responses/Conflict.yaml
    "429":
      $ref: ../components/responses/TooManyRequests.yaml
    "500":
      $ref: ../components/responses/InternalServerError.yaml
`;

let copy: string;

/** Every file git would commit, as the working tree has it, into a new folder. */
function copyRepository(into: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = join(repoRoot, file);
    // A file deleted in the working tree but still in the index.
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(from, join(into, file));
  }
}

function addOperation(specDir: string): void {
  writeFileSync(join(specDir, PATH_FILE), PATH_ITEM);
  const root = readFileSync(join(specDir, 'openapi.yaml'), 'utf8');
  const entry = `  ${PATH}:\n    $ref: ${PATH_FILE}\n`;
  const edited = root.replace(/^paths:\n/m, `paths:\n${entry}`);
  if (edited === root) throw new Error('openapi.yaml has no paths: section to add to');
  writeFileSync(join(specDir, 'openapi.yaml'), edited);
}

function run(command: string, args: string[]): void {
  // Quiet unless it fails: pnpm's and turbo's progress would bury the test's report.
  try {
    execFileSync(command, args, {
      cwd: copy,
      stdio: 'pipe',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${command} ${args.join(' ')} failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
}

const fromCopy = <T>(file: string): Promise<T> => import(pathToFileURL(join(copy, file)).href) as Promise<T>;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'freddy-new-operation-'));
  copyRepository(copy);
  addOperation(join(copy, 'spec'));
  // From the store this install filled: nothing is downloaded, and the lockfile holds as it is.
  run('pnpm', ['install', '--offline', '--frozen-lockfile']);
  run('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only']);
  // The edit is one a reviewer would take: the house lint passes it.
  run('pnpm', ['--filter', '@freddy/spec', 'lint']);
}, 900_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('one spec edit: an operation no package names', () => {
  it('is answered by the reference server from its example, through the client', async () => {
    const { startSandbox } = await fromCopy<typeof import('@freddy/sandbox')>('apps/sandbox/lib/index.js');
    const { createFreddyClient } = await fromCopy<typeof import('@freddy/client')>('packages/client/dist/index.js');
    const sandbox = await startSandbox({ port: 0, memory: true, rateLimit: false, log: false });
    try {
      expect(sandbox.exampleServed).toContain(OPERATION_ID);
      const client = createFreddyClient({ apiKey: sandbox.credentials.demo.apiKey, baseUrl: sandbox.url });
      const threads = client.threads as unknown as Record<
        string,
        (threadId: string) => { withResponse(): Promise<{ data: unknown; response: Response }> }
      >;
      expect(typeof threads.zzFixtureProbe).toBe('function');
      const { data, response } = await threads.zzFixtureProbe!('thread_zz_probe').withResponse();
      const example = JSON.parse(readFileSync(join(copy, 'spec/dist/openapi.json'), 'utf8')).components.examples.Thread
        .value;
      expect(data).toEqual(example);
      expect(response.headers.get('x-sandbox-example')).toBe('Thread');

      // Without a credential it is refused as every operation is: the pipeline, not only the example.
      const refused = await fetch(`${sandbox.url}/threads/thread_zz_probe/zz-fixture-probe`, { method: 'POST' });
      expect(refused.status).toBe(401);
    } finally {
      await sandbox.close();
    }
  });

  it('has a client method with an explicit signature in the published types', () => {
    const types = readFileSync(join(copy, 'packages/client/dist/index.d.ts'), 'utf8');
    expect(types).toMatch(/zzFixtureProbe\(threadId: string, options\?: RequestOptions\): ApiPromise<Thread>;/);
  });

  it('is a tool of the MCP server', async () => {
    const { toolDefinitions } = await fromCopy<typeof import('@freddy/mcp')>('packages/mcp/dist/index.js');
    const tool = toolDefinitions.find((definition) => definition.name === 'zz_fixture_probe_thread');
    expect(tool?.title).toBe(SUMMARY);
  });

  it.skipIf(!requireChromiumOrSkip())('has its section in the reference, rendered in a browser', async () => {
    const browser = await launchChromium();
    try {
      const { page } = await openPage(browser);
      // Redoc 3's route for an operation: `<tag slug>/<operationId, lower case>`.
      const route = `threads/${OPERATION_ID.toLowerCase()}`;
      await page.goto(`${pathToFileURL(join(copy, 'apps/docs/site/index.html')).href}#/${route}`);
      await page.locator(`[id="${route}"] h2`).filter({ hasText: SUMMARY }).first().waitFor({ state: 'visible' });
    } finally {
      await browser.close();
    }
  });

  it('has its Markdown page, llms.txt line and console entry in the docs', () => {
    const site = join(copy, 'apps/docs/site');
    const page = readFileSync(join(site, 'operations/zz-fixture-probe-thread.md'), 'utf8');
    expect(page).toContain(`# ${SUMMARY}`);
    expect(readFileSync(join(site, 'llms.txt'), 'utf8')).toContain(
      `[${SUMMARY}](operations/zz-fixture-probe-thread.md)`,
    );
    const consoleDocument = JSON.parse(readFileSync(join(site, 'console/openapi.json'), 'utf8'));
    expect(consoleDocument.paths[PATH]?.post?.operationId).toBe(OPERATION_ID);
  });
});
