/**
 * Type-checks files the way a consumer's compiler would: a `tsconfig` written
 * beside them (so module resolution starts where they are), then `tsc -p` in
 * a child process. tsc is the workspace's native compiler (TypeScript 7, the
 * `typescript-7` alias), the one every package's `typecheck` script runs.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript-7/package.json')), 'bin/tsc');
const run = promisify(execFile);

export interface TypecheckOptions {
  /** The folder the files are in; the config is written there as `tsconfig.<name>.json`. */
  dir: string;
  name: string;
  /** Relative to `dir`. */
  files: string[];
  compilerOptions?: Record<string, unknown>;
  /** A config to extend, relative to `dir`. */
  extends?: string;
  /** More tsc arguments, e.g. `--extendedDiagnostics`. */
  args?: string[];
}

export interface TypecheckResult {
  ok: boolean;
  /** tsc's report: its diagnostics, and whatever the extra arguments ask it to print. */
  output: string;
}

export async function typecheck(options: TypecheckOptions): Promise<TypecheckResult> {
  const config = join(options.dir, `tsconfig.${options.name}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      ...(options.extends ? { extends: options.extends } : {}),
      compilerOptions: { noEmit: true, ...options.compilerOptions },
      files: options.files,
    }),
  );
  try {
    // One thread: tests run beside other work that fills every core, where tsc's checker threads add CPU
    // (a third more on the docs' project) and no speed.
    const { stdout } = await run(process.execPath, [tsc, '-p', config, '--singleThreaded', ...(options.args ?? [])], {
      cwd: options.dir,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { ok: true, output: stdout };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` || String(error) };
  }
}
