/**
 * `pnpm build`: contract → build/openapi.json (with generated samples,
 * "Try it" and Markdown links) → site/index.html (Redoc inlined) plus the
 * logo and favicon beside it, the console in site/console/, and the
 * machine-readable docs (llms.txt, llms-full.txt, a Markdown page per
 * operation and concept, the contract as openapi.json).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledSpecPath } from '@freddy/spec';
import { writeDocsSpec } from './build-spec.js';
import { buildConsole } from './console/build.js';
import { expandTagGroups } from './expand-sidebar.js';
import { isMainModule } from './main-module.js';
import { OPENAPI_DOCUMENT } from './markdown/locations.js';
import { markdownSite, writeMarkdownSite } from './markdown/site.js';
import { appDir, assetsDir, docsSpecPath, siteDir } from './paths.js';

export const SITE_ASSETS = ['logo.svg', 'logo-dark.svg', 'favicon.svg', 'redoc-attribution.svg'] as const;

/**
 * Remote images the inlined Redoc bundle would load at run time, and the
 * local file each becomes. Each must be found, so a Redoc upgrade that moves
 * them fails the build instead of quietly reaching a CDN.
 */
export const REMOTE_ASSET_REPLACEMENTS: readonly [remote: string, local: string][] = [
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'redoc-attribution.svg'],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', 'redoc-attribution.svg'],
];

export function localizeRemoteAssets(html: string): string {
  let out = html;
  for (const [remote, local] of REMOTE_ASSET_REPLACEMENTS) {
    if (!out.includes(remote))
      throw new Error(`Expected the Redoc bundle to reference ${remote}; check the Redoc version`);
    out = out.replaceAll(remote, local);
  }
  return out;
}

export function buildSite(): void {
  const doc = writeDocsSpec();
  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(siteDir, { recursive: true });
  const output = join(siteDir, 'index.html');
  runRedocly(output);
  writeFileSync(output, expandTagGroups(localizeRemoteAssets(readFileSync(output, 'utf8'))));
  for (const asset of SITE_ASSETS) copyFileSync(join(assetsDir, asset), join(siteDir, asset));
  buildConsole(doc);
  writeMarkdownSite(markdownSite(doc), siteDir);
  copyFileSync(bundledSpecPath, join(siteDir, OPENAPI_DOCUMENT));
}

function runRedocly(output: string): void {
  try {
    execFileSync(
      join(appDir, 'node_modules/.bin/redocly'),
      [
        'build-docs',
        docsSpecPath,
        '--config',
        join(appDir, 'redocly.yaml'),
        '--inlineBundle',
        '--template',
        join(appDir, 'src/template.hbs'),
        '--title',
        'Freddy Threads API reference',
        '-o',
        output,
      ],
      // Quiet unless it fails: redocly's progress lines would bury the build's own.
      { cwd: appDir, stdio: 'pipe' },
    );
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`redocly build-docs failed:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`);
  }
}

if (isMainModule(import.meta)) {
  buildSite();
  console.log(`Built ${join(siteDir, 'index.html')}`);
}
