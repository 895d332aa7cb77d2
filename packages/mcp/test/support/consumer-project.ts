/**
 * @freddy/mcp as a consumer gets it: `pnpm pack` it with the @freddy/types
 * and @freddy/client it depends on (workspace versions become plain ones),
 * and install the three tarballs with npm into a fresh project outside the
 * workspace, everything else from the registry.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const mcpDir = fileURLToPath(new URL('../..', import.meta.url));
const packages = { '@freddy/types': '../types', '@freddy/client': '../client', '@freddy/mcp': '.' };

export function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: 'pipe' });
}

/** A new folder with the three tarballs installed; returns its path and the tarballs' names. */
export function installConsumerProject(): { project: string; tarballs: Record<keyof typeof packages, string> } {
  const project = mkdtempSync(join(tmpdir(), 'freddy-mcp-consumer-'));
  const tarballs = {} as Record<keyof typeof packages, string>;
  for (const [name, dir] of Object.entries(packages) as [keyof typeof packages, string][]) {
    const before = new Set(readdirSync(project));
    run('pnpm', ['pack', '--pack-destination', project], resolve(mcpDir, dir));
    tarballs[name] = readdirSync(project).find((file) => file.endsWith('.tgz') && !before.has(file))!;
  }
  const file = (name: keyof typeof packages) => `file:./${tarballs[name]}`;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      dependencies: { '@freddy/mcp': file('@freddy/mcp') },
      // @freddy/mcp's dependency on @freddy/client, and the client's on @freddy/types, are the tarballs too.
      overrides: { '@freddy/client': file('@freddy/client'), '@freddy/types': file('@freddy/types') },
    }),
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], project);
  return { project, tarballs };
}
