/**
 * `pnpm dev`: serve the site with live reload and rebuild on change. A spec
 * change re-bundles the contract, regenerates `@freddy/types` and rebuilds
 * the docs; a change here only rebuilds the docs. Open pages reload when a
 * rebuild succeeds; a failed one is reported and the last good site stays up.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundledSpecPath } from '@freddy/spec';
import { watch } from 'chokidar';
import { startSiteServer } from '../scripts/serve.mjs';
import { appDir } from './paths.js';

const root = join(appDir, '../..');
const specDir = join(root, 'spec');
const specInputs = ['openapi.yaml', 'paths', 'components', 'redocly.yaml'].map((name) => join(specDir, name));
const docsInputs = ['src', 'assets', 'redocly.yaml'].map((name) => join(appDir, name));

function run(command: string, args: string[], cwd = root): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

function hasScript(packageDir: string, script: string): boolean {
  const manifest = join(root, packageDir, 'package.json');
  return existsSync(manifest) && Boolean(JSON.parse(readFileSync(manifest, 'utf8')).scripts?.[script]);
}

async function rebuild(specChanged: boolean): Promise<void> {
  if (specChanged) {
    await run('pnpm', ['--filter', '@freddy/spec', 'bundle']);
    if (hasScript('packages/types', 'generate')) await run('pnpm', ['--filter', '@freddy/types', 'generate']);
  }
  // A fresh process, so edits to the sample generators are picked up too.
  await run(process.execPath, [join(appDir, 'node_modules/tsx/dist/cli.mjs'), join(appDir, 'src/build.ts')], appDir);
}

const site = await startSiteServer({ port: Number(process.env.DOCS_PORT ?? 4011), liveReload: true });
// Under turbo the contract is already bundled (`dev` depends on `^build`); alone, bundle it first.
await rebuild(!existsSync(bundledSpecPath)).catch((error: Error) =>
  console.error(`Initial build failed: ${error.message}`),
);
site.reload();
console.log(`Freddy Threads API docs (dev, live reload): ${site.url}`);

// Changes arriving during a rebuild are folded into one more rebuild afterwards.
let running: Promise<void> | undefined;
let pending: { spec: boolean } | undefined;
let timer: NodeJS.Timeout | undefined;

function schedule(spec: boolean): void {
  pending = { spec: (pending?.spec ?? false) || spec };
  clearTimeout(timer);
  timer = setTimeout(drain, 150);
}

function drain(): void {
  if (running || !pending) return;
  const { spec } = pending;
  pending = undefined;
  running = rebuild(spec)
    .then(() => {
      console.log('Rebuilt; reloading open pages.');
      site.reload();
    })
    .catch((error: Error) => console.error(`Rebuild failed, still serving the last good site: ${error.message}`))
    .finally(() => {
      running = undefined;
      drain();
    });
}

const watcher = watch([...specInputs, ...docsInputs], { ignoreInitial: true });
watcher.on('all', (event, path) => {
  console.log(`${event} ${relative(root, path)}`);
  schedule(path.startsWith(specDir));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    void Promise.all([watcher.close(), site.close()]).then(() => process.exit(0));
  });
