import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
