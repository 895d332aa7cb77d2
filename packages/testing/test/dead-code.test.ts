/**
 * `pnpm lint` runs knip over the workspace (knip.jsonc at the root). This
 * shows the check catching dead code: a small project, clean, then with an
 * export nobody imports, then with a dependency nobody uses.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// knip exports no package.json; its bin is where pnpm links this package's own copy.
const knip = fileURLToPath(new URL('../node_modules/knip/bin/knip.js', import.meta.url));
const run = promisify(execFile);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'freddy-knip-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function knipIn(dir: string): Promise<{ failed: boolean; report: string }> {
  try {
    const { stdout } = await run(process.execPath, [knip, '--directory', dir, '--no-progress'], { cwd: dir });
    return { failed: false, report: stdout };
  } catch (error) {
    const failed = error as { stdout?: string; code?: number };
    return { failed: true, report: failed.stdout ?? String(error) };
  }
}

const base = {
  'package.json': JSON.stringify({ name: 'fixture', type: 'module', main: 'src/index.ts', dependencies: {} }),
  'knip.json': JSON.stringify({ entry: ['src/index.ts'], project: ['src/**/*.ts'] }),
  'src/index.ts': "import { used } from './lib.js';\nconsole.log(used());\n",
  'src/lib.ts': 'export function used() {\n  return 1;\n}\n',
};

describe('the dead-code check (knip)', () => {
  it('passes a project where everything is used', async () => {
    const result = await knipIn(project(base));
    expect(result.report).toBe('');
    expect(result.failed).toBe(false);
  });

  it('fails on an export nobody imports, naming it', async () => {
    const result = await knipIn(
      project({ ...base, 'src/lib.ts': `${base['src/lib.ts']}export function forgotten() {\n  return 2;\n}\n` }),
    );
    expect(result.failed).toBe(true);
    expect(result.report).toMatch(/Unused exports[\s\S]*forgotten/);
  });

  it('fails on a dependency nobody uses, naming it', async () => {
    const result = await knipIn(
      project({
        ...base,
        'package.json': JSON.stringify({ name: 'fixture', type: 'module', dependencies: { 'left-pad': '1.3.0' } }),
      }),
    );
    expect(result.failed).toBe(true);
    expect(result.report).toMatch(/Unused dependencies[\s\S]*left-pad/);
  });
});
