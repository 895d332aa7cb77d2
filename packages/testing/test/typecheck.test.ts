import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { typecheck } from '../src/index.js';

describe('typecheck', () => {
  const dir = mkdtempSync(join(tmpdir(), 'freddy-typecheck-'));
  const compilerOptions = { strict: true, target: 'es2022', module: 'nodenext', types: [] };

  it('passes a file that checks, and fails one that does not, with tsc’s report', async () => {
    writeFileSync(join(dir, 'good.mts'), 'export const n: number = 1;\n');
    writeFileSync(join(dir, 'bad.mts'), 'export const n: number = "one";\n');
    expect(await typecheck({ dir, name: 'good', files: ['good.mts'], compilerOptions })).toEqual({
      ok: true,
      output: '',
    });
    const bad = await typecheck({ dir, name: 'bad', files: ['bad.mts'], compilerOptions });
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain("Type 'string' is not assignable to type 'number'");
  });

  it('passes extra arguments to tsc', async () => {
    const result = await typecheck({
      dir,
      name: 'good',
      files: ['good.mts'],
      compilerOptions,
      args: ['--extendedDiagnostics'],
    });
    expect(result.output).toMatch(/^Instantiations:\s+\d+/m);
  });

  it('runs TypeScript 7, the native compiler', async () => {
    const result = await typecheck({ dir, name: 'good', files: ['good.mts'], compilerOptions, args: ['--version'] });
    expect(result.output).toMatch(/^Version 7\./);
  });

  // A package's `typecheck` script runs the `tsc` that pnpm links into its
  // node_modules/.bin; with both TypeScripts installed, that must be 7's.
  it('is the tsc a package script runs', async () => {
    const bin = join(import.meta.dirname, '../node_modules/.bin/tsc');
    const { stdout } = await promisify(execFile)(bin, ['--version']);
    expect(stdout).toMatch(/^Version 7\./);
  });
});
