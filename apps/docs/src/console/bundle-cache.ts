/**
 * esbuild's output, kept by what it was made of. The console's client bundle
 * depends on the page's sources and the installed packages, not on the
 * contract: a build that finds the same bundle already made (same esbuild,
 * options and lockfile, and every file esbuild read for it unchanged) copies
 * it instead of bundling Scalar's client again. A spec edit under `pnpm dev`
 * and the tests' builds of other contracts each save the bundling's seconds.
 *
 * An entry is `<cacheDir>/<key>/`: the output (`out/`), the digest of every
 * input (`inputs.json`) and the metafile with its outputs relative to the
 * output folder (`metafile.json`), so it serves a build writing anywhere. It
 * is written beside and renamed into place, so a build never reads half of
 * one; a cache that cannot be written only costs the next build its time.
 * A build whose inputs changed while it ran is not kept.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { type BuildOptions, buildSync, type Metafile, version } from 'esbuild';

/** esbuild's options, with the two a cached build needs: where paths are relative to, and where it writes. */
export type CachedBuildOptions = BuildOptions & { absWorkingDir: string; outdir: string };

export interface CachedBuild {
  /** esbuild's options; paths in them are taken relative to `absWorkingDir`, so the key holds in any checkout. */
  options: CachedBuildOptions;
  /** Where the entries are kept. */
  cacheDir: string;
  /** Files the output depends on that esbuild does not read itself (the lockfile: what a package name resolves to). */
  keyFiles: readonly string[];
}

export interface CachedBuildResult {
  /** Paths relative to `absWorkingDir`, as esbuild's own. */
  metafile: Metafile;
  /** Whether the output was copied from the cache. */
  cached: boolean;
}

const INPUTS = 'inputs.json';
const METAFILE = 'metafile.json';
const OUT = 'out';

function digest(file: string): string {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing';
}

function entryKey({ options, keyFiles }: CachedBuild): string {
  const workingDir = options.absWorkingDir;
  const { outdir: _, ...rest } = options;
  const portable = JSON.stringify(rest, (_key, value) =>
    typeof value === 'string' && isAbsolute(value) ? relative(workingDir, value) : value,
  );
  const files = keyFiles.map((file) => [relative(workingDir, file), digest(file)]);
  return createHash('sha256')
    .update(JSON.stringify({ esbuild: version, options: portable, files }))
    .digest('hex')
    .slice(0, 24);
}

/** The metafile with every output path (and every output's import of another) passed through `move`. */
function rebase(metafile: Metafile, move: (path: string) => string): Metafile {
  const outputs = Object.entries(metafile.outputs).map(([path, output]) => [
    move(path),
    {
      ...output,
      imports: output.imports.map((imported) =>
        imported.external ? imported : { ...imported, path: move(imported.path) },
      ),
      ...(output.cssBundle ? { cssBundle: move(output.cssBundle) } : {}),
    },
  ]);
  return { inputs: metafile.inputs, outputs: Object.fromEntries(outputs) };
}

function unchanged(entry: string, workingDir: string): boolean {
  if (!existsSync(join(entry, INPUTS)) || !existsSync(join(entry, METAFILE))) return false;
  const inputs = JSON.parse(readFileSync(join(entry, INPUTS), 'utf8')) as Record<string, string>;
  return Object.entries(inputs).every(([input, hash]) => digest(join(workingDir, input)) === hash);
}

/**
 * Whether an input was written after the build began (a save while `pnpm dev` bundles): esbuild may have
 * read it before, so its digest now would not be of what the output was made from.
 */
function writtenSince(started: number, inputs: readonly string[], workingDir: string): boolean {
  return inputs.some((input) => {
    // A file gone since counts as changed.
    const modified = statSync(join(workingDir, input), { throwIfNoEntry: false })?.mtimeMs ?? Number.POSITIVE_INFINITY;
    return modified >= started;
  });
}

function store(
  entry: string,
  cacheDir: string,
  outdir: string,
  workingDir: string,
  metafile: Metafile,
  started: number,
): void {
  let staging: string | undefined;
  try {
    if (writtenSince(started, Object.keys(metafile.inputs), workingDir)) return;
    mkdirSync(cacheDir, { recursive: true });
    staging = mkdtempSync(`${entry}.staging-`);
    cpSync(outdir, join(staging, OUT), { recursive: true });
    const inputs = Object.fromEntries(
      Object.keys(metafile.inputs).map((input) => [input, digest(join(workingDir, input))]),
    );
    writeFileSync(join(staging, INPUTS), JSON.stringify(inputs));
    const portable = rebase(metafile, (path) => relative(outdir, join(workingDir, path)));
    writeFileSync(join(staging, METAFILE), JSON.stringify(portable));
    rmSync(entry, { recursive: true, force: true });
    renameSync(staging, entry);
  } catch {
    // Another build stored the same entry first, or the cache cannot be written: the output stands.
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
}

/** Empties `options.outdir`, then fills it from the cache or, failing that, with esbuild (and caches it). */
export function cachedBuildSync(build: CachedBuild): CachedBuildResult {
  const { options, cacheDir } = build;
  const { absWorkingDir: workingDir, outdir } = options;
  const entry = join(cacheDir, entryKey(build));
  rmSync(outdir, { recursive: true, force: true });
  if (unchanged(entry, workingDir)) {
    cpSync(join(entry, OUT), outdir, { recursive: true });
    const portable = JSON.parse(readFileSync(join(entry, METAFILE), 'utf8')) as Metafile;
    return { metafile: rebase(portable, (path) => relative(workingDir, join(outdir, path))), cached: true };
  }
  const started = Date.now();
  const { metafile } = buildSync({ ...options, metafile: true });
  store(entry, cacheDir, outdir, workingDir, metafile, started);
  return { metafile, cached: false };
}
