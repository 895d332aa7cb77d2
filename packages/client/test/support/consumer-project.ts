/**
 * The packages as a consumer gets them: `pnpm pack` @freddy/types and
 * @freddy/client, and install both tarballs with npm (what most consumers
 * use) into a fresh project outside the workspace. Shared by the package test
 * and the runtimes test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const typesDir = resolve(clientDir, '../types');

export function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: 'pipe' });
}

/** A new folder with both tarballs installed; returns its path. */
export function installConsumerProject(): string {
  const project = mkdtempSync(join(tmpdir(), 'freddy-consumer-'));
  for (const dir of [typesDir, clientDir]) run('pnpm', ['pack', '--pack-destination', project], dir);
  const tarballs = readdirSync(project).filter((f) => f.endsWith('.tgz'));
  const typesTgz = tarballs.find((f) => f.startsWith('freddy-types-'))!;
  const clientTgz = tarballs.find((f) => f.startsWith('freddy-client-'))!;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      dependencies: { '@freddy/client': `file:./${clientTgz}`, '@freddy/types': `file:./${typesTgz}` },
      // The client's dependency on @freddy/types is the tarball too, never the registry.
      overrides: { '@freddy/types': `file:./${typesTgz}` },
    }),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project);
  return project;
}
