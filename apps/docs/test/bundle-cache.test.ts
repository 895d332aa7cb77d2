/**
 * The console's bundle cache (`src/console/bundle-cache.ts`) on a two-file
 * project: the same inputs give the bundle back from the cache, written
 * wherever the build writes, with a metafile as esbuild's own would be; a
 * changed source, a changed key file (the lockfile) or a changed option
 * bundles again; an entry that cannot be stored leaves the build standing.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CachedBuildOptions, cachedBuildSync } from '../src/console/bundle-cache.js';

let project: string;
let cacheDir: string;
let lockfile: string;

function build(outdir: string, options: Partial<CachedBuildOptions> = {}, cache = cacheDir) {
  return cachedBuildSync({
    options: {
      absWorkingDir: project,
      entryPoints: [{ in: join(project, 'src/entry.ts'), out: 'entry' }],
      bundle: true,
      format: 'esm',
      splitting: true,
      outdir: join(project, outdir),
      chunkNames: 'chunks/[name]-[hash]',
      logLevel: 'silent',
      ...options,
    },
    cacheDir: cache,
    keyFiles: [lockfile],
  });
}

/** Every file of a folder with its content. */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(dir, path), readFileSync(path, 'utf8')];
      }),
  );
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'freddy-bundle-cache-'));
  cacheDir = join(project, 'cache');
  lockfile = join(project, 'lock.yaml');
  mkdirSync(join(project, 'src'));
  writeFileSync(
    join(project, 'src/entry.ts'),
    "export const shown = 'first';\nexport const later = () => import('./later.js');\n",
  );
  writeFileSync(join(project, 'src/later.ts'), "export const later = 'later, version 1';\n");
  writeFileSync(lockfile, 'lockfileVersion: 1\n');
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('a bundle kept by its inputs', () => {
  it('is made by esbuild the first time, and copied from the cache the next, wherever it is written', () => {
    const first = build('site-a/client');
    expect(first.cached).toBe(false);
    const again = build('elsewhere/deeper/client');
    expect(again.cached).toBe(true);
    expect(tree(join(project, 'elsewhere/deeper/client'))).toEqual(tree(join(project, 'site-a/client')));
    // The metafile names the outputs where this build wrote them, as esbuild's would.
    const outputs = (result: typeof first, prefix: string) =>
      Object.keys(result.metafile.outputs).map((path) => relative(join(project, prefix), join(project, path)));
    expect(outputs(again, 'elsewhere/deeper/client')).toEqual(outputs(first, 'site-a/client'));
    expect(Object.keys(again.metafile.outputs).every((path) => path.startsWith('elsewhere/deeper/client/'))).toBe(true);
    const entry = Object.values(again.metafile.outputs).find((output) => output.entryPoint === 'src/entry.ts');
    expect(entry?.imports.map((imported) => imported.path)).toEqual(
      Object.values(first.metafile.outputs)
        .find((output) => output.entryPoint === 'src/entry.ts')
        ?.imports.map((imported) => imported.path.replace('site-a/client/', 'elsewhere/deeper/client/')),
    );
    expect(again.metafile.inputs).toEqual(first.metafile.inputs);
  });

  it('is made again when a file it was made of changes, even one only a lazy chunk holds', () => {
    writeFileSync(join(project, 'src/later.ts'), "export const later = 'later, version 2';\n");
    const changed = build('site-b/client');
    expect(changed.cached).toBe(false);
    expect(Object.values(tree(join(project, 'site-b/client'))).join('\n')).toContain('later, version 2');
    expect(build('site-c/client').cached).toBe(true);
  });

  it('is made again when the lockfile changes (a package can resolve to other files) or an option does', () => {
    writeFileSync(lockfile, 'lockfileVersion: 2\n');
    expect(build('site-d/client').cached).toBe(false);
    expect(build('site-e/client', { minify: true }).cached).toBe(false);
    expect(build('site-f/client', { minify: true }).cached).toBe(true);
  });

  it('still builds when the cache cannot be written', () => {
    // A cache folder under a plain file: no one, root included, can create it.
    const blocker = join(project, 'not-a-folder');
    writeFileSync(blocker, '');
    const result = build('site-g/client', {}, join(blocker, 'cache'));
    expect(result.cached).toBe(false);
    expect(Object.keys(result.metafile.outputs).length).toBeGreaterThan(0);
    expect(Object.values(tree(join(project, 'site-g/client'))).join('\n')).toContain('later, version 2');
    expect(build('site-h/client', {}, join(blocker, 'cache')).cached).toBe(false);
  });

  it('is not kept when a file it was made of is written while it builds (a save during `pnpm dev`)', () => {
    // Written "during" the build: its time is after the build began, as a save mid-build would leave it.
    writeFileSync(join(project, 'src/later.ts'), "export const later = 'later, version 3';\n");
    const during = new Date(Date.now() + 60_000);
    utimesSync(join(project, 'src/later.ts'), during, during);
    expect(build('site-i/client').cached).toBe(false);
    // Nothing was kept for those inputs: the next build bundles again, and is kept once nothing moves under it.
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(project, 'src/later.ts'), past, past);
    expect(build('site-j/client').cached).toBe(false);
    expect(build('site-k/client').cached).toBe(true);
  });
});
