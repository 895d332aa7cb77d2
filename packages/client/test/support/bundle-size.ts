/**
 * The gzipped size of the client built from each of some contracts: built as
 * tsup builds it (ESM, openapi-fetch external) from the sources
 * `clientFromContract` lays out, then measured by size-limit with the checks
 * the package's own `size` script uses (esbuild, minified, gzipped, importing
 * `createFreddyClient`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenApiDocument } from '@freddy/spec';
import { build } from 'tsup';
import { clientFromContract } from './client-from-contract.ts';

const client = join(dirname(fileURLToPath(import.meta.url)), '../..');

export async function bundleSizes(contracts: Record<string, OpenApiDocument>): Promise<Record<string, number>> {
  // Inside the package, so the bundles resolve openapi-fetch as the real one does.
  const work = mkdtempSync(join(client, 'bench/.size-'));
  try {
    symlinkSync(join(client, 'node_modules'), join(work, 'node_modules'));
    for (const [name, doc] of Object.entries(contracts)) {
      await clientFromContract(doc, join(work, name));
      await build({
        config: false,
        entry: { [name]: join(work, name, 'src/index.ts') },
        outDir: join(work, 'dist'),
        format: ['esm'],
        target: 'es2022',
        platform: 'neutral',
        external: ['openapi-fetch'],
        silent: true,
      });
    }
    const names = Object.keys(contracts);
    const checks = names.map((name) => ({
      name,
      path: `dist/${name}.js`,
      import: '{ createFreddyClient }',
      gzip: true,
    }));
    writeFileSync(join(work, '.size-limit.json'), JSON.stringify(checks));
    const measured: { size: number }[] = JSON.parse(
      execFileSync(join(client, 'node_modules/.bin/size-limit'), ['--json'], { cwd: work, encoding: 'utf8' }),
    );
    return Object.fromEntries(names.map((name, i) => [name, measured[i]!.size]));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
