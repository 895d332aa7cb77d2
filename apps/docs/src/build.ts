/**
 * `pnpm build`: contract → build/openapi.json (with generated samples,
 * "Try it" and Markdown links) → site/index.html (Redoc inlined) plus the
 * logo and favicon beside it, the console in site/console/, and the
 * machine-readable docs (llms.txt, llms-full.txt, a Markdown page per
 * operation and concept, the contract as openapi.json).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledSpecPath, describeContract } from '@freddy/spec';
import { writeDocsSpec } from './build-spec.js';
import { buildConsole } from './console/build.js';
import { CONSOLE_DIR, referenceRoute } from './console/links.js';
import { expandTagGroups, hashRoutedLinks, renderedMarkup } from './expand-sidebar.js';
import { isMainModule } from './main-module.js';
import { OPENAPI_DOCUMENT } from './markdown/locations.js';
import { markdownSite, writeMarkdownSite } from './markdown/site.js';
import { appDir, assetsDir, docsSpecPath, siteDir } from './paths.js';
import { precompressSite } from './precompress.js';
import { spaceIndexedText } from './search-text.js';

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

/** Where a build reads the contract and writes its output; the defaults are the published build's. */
export interface SiteBuildPaths {
  /** The bundled contract. */
  contract?: string;
  /** The docs document written for Redoc (`build/openapi.json`). */
  docsSpec?: string;
  /** The site folder, emptied first. */
  site?: string;
}

export function buildSite(paths: SiteBuildPaths = {}): void {
  const { contract = bundledSpecPath, docsSpec = docsSpecPath, site = siteDir } = paths;
  const doc = writeDocsSpec(contract, docsSpec);
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  const output = join(site, 'index.html');
  runRedocly(docsSpec, output);
  const html = hashRoutedLinks(spaceIndexedText(expandTagGroups(localizeRemoteAssets(readFileSync(output, 'utf8')))));
  requirePrerenderedSidebar(html, describeContract(doc).operations.map(referenceRoute));
  writeFileSync(output, html);
  for (const asset of SITE_ASSETS) copyFileSync(join(assetsDir, asset), join(site, asset));
  buildConsole(doc, join(site, CONSOLE_DIR));
  writeMarkdownSite(markdownSite(doc), site);
  copyFileSync(contract, join(site, OPENAPI_DOCUMENT));
}

/**
 * Every operation's sidebar entry is in the served markup, linked as the
 * browser's router links it: the sidebar is whole before the bundle runs.
 */
export function requirePrerenderedSidebar(html: string, routes: readonly string[]): void {
  const markup = renderedMarkup(html);
  const missing = routes.filter((route) => !markup.includes(`href="#${route}"`));
  if (missing.length > 0)
    throw new Error(
      `Expected the server-rendered sidebar to link ${missing.join(', ')}; check scripts/prerender-hooks.mjs against the Redoc version`,
    );
}

/** build-docs' entry point, run by Node with the prerender hooks rather than through its shell wrapper. */
const REDOCLY_CLI = createRequire(join(appDir, 'package.json')).resolve('@redocly/cli/bin/cli.js');
const PRERENDER_HOOKS = pathToFileURL(join(appDir, 'scripts/prerender-hooks.mjs')).href;
const REGISTER_HOOKS = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(PRERENDER_HOOKS)})`;

function runRedocly(input: string, output: string): void {
  try {
    execFileSync(
      process.execPath,
      [
        '--import',
        REGISTER_HOOKS,
        REDOCLY_CLI,
        'build-docs',
        input,
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
  await precompressSite(siteDir);
  console.log(`Built ${join(siteDir, 'index.html')}`);
}
