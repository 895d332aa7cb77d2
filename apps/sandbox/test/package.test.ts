/**
 * The package as another project gets it: `pnpm pack`, installed with npm from
 * the tarball into a fresh project outside the workspace; the README's vitest
 * example pasted into it, type-checked and run; `npx @freddy/sandbox` started.
 * Nothing but the npm registry is ever asked.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };

const sandboxDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(sandboxDir, 'README.md'), 'utf8');
let project: string;
let tarball: string;

function run(command: string, args: string[], cwd: string) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
}

function installedVersion(name: string): string {
  return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
}

/** The environment of a child that runs its own vitest: none of this run's VITEST_* settings, no colours. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  delete env.FORCE_COLOR;
  return { ...env, NO_COLOR: '1' };
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'freddy-sandbox-consumer-'));
  run('pnpm', ['pack', '--pack-destination', project], sandboxDir);
  tarball = readdirSync(project).find((f) => f.startsWith('freddy-sandbox-') && f.endsWith('.tgz'))!;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      devDependencies: {
        '@freddy/sandbox': `file:./${tarball}`,
        // The versions this workspace uses (its package.json says "catalog:", which only pnpm workspaces read);
        // the consumer's TypeScript is the current one, 7.
        typescript: installedVersion('typescript-7'),
        vitest: installedVersion('vitest'),
      },
    }),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project);
}, 600_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed @freddy/sandbox', () => {
  it('holds the build and the bin, no sources or tests, and depends only on published packages', () => {
    const files = run('tar', ['-tzf', tarball], project).trim().split('\n');
    expect(files).toEqual(
      expect.arrayContaining(['package/bin/freddy-sandbox.js', 'package/lib/cli.js', 'package/lib/index.d.ts']),
    );
    expect(files.filter((f) => /\/(src|test|bench)\//.test(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@freddy/sandbox/package.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(project, 'node_modules/@freddy/sandbox/LICENSE'), 'utf8')).toBe(
      readFileSync(join(sandboxDir, '../../LICENSE'), 'utf8'),
    );
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith('@freddy/'))).toEqual([]);
  });

  describe("the README's vitest example, pasted into the project", () => {
    const example = /```ts\n(\/\/ threads\.test\.ts\n[\s\S]*?)```/.exec(readme)?.[1];

    it('is in the README', () => {
      expect(example).toContain("from '@freddy/sandbox'");
    });

    it('type-checks against the packed .d.ts', () => {
      writeFileSync(join(project, 'threads.test.ts'), example!);
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'es2022',
            module: 'nodenext',
            lib: ['es2023', 'dom'],
            types: [],
            skipLibCheck: true,
          },
          files: ['threads.test.ts'],
        }),
      );
      let report = '';
      try {
        run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
      } catch (error) {
        report = String((error as { stdout?: string }).stdout) || String(error);
      }
      expect(report).toBe('');
    });

    it('passes under vitest', async () => {
      writeFileSync(join(project, 'threads.test.ts'), example!);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(project, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=verbose'],
        { cwd: project, env: cleanEnv(), timeout: 300_000 },
      );
      expect(stdout).toMatch(/Tests\s+6 passed/);
    });
  });

  it('starts with npx @freddy/sandbox', async () => {
    // Its own process group, so the npx wrapper and the server under it stop together.
    // `--` so npm passes the flags on rather than reading them as its own.
    const child = spawn('npx', ['--no', '--', '@freddy/sandbox', '--memory', '--port', '0', '--quiet'], {
      cwd: project,
      env: cleanEnv(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const started = new Promise<void>((resolveStart, rejectStart) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Try it:')) resolveStart();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', () => rejectStart(new Error(`npx exited before the sandbox started:\n${output}`)));
    });
    try {
      await started;
      const url = /listening on (http:\/\/\S+)/.exec(output)![1]!;
      const health = await fetch(`${new URL(url).origin}/_sandbox/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { version: string }).version).toBe(packageJson.version);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    }
  });
});
