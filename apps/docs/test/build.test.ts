/**
 * The built page on disk: Redoc inlined, no CDN address left for the browser
 * to load, telemetry off, our assets beside it, the sidebar open, and the
 * console beside it with no key.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localizeRemoteAssets, REMOTE_ASSET_REPLACEMENTS, SITE_ASSETS } from '../src/build.js';
import { CLIENT_ENTRY, CLIENT_STYLES, clientPreloads, consoleDir, consoleFiles } from '../src/console/build.js';
import { TRIMMED_PACKAGES, trimAliases, untrimmed } from '../src/console/trims.js';
import { expandTagGroups } from '../src/expand-sidebar.js';
import { siteDir } from '../src/paths.js';
import { requireBuiltSite, siteIndex } from './support/site.js';

describe('the built site', () => {
  it('inlines Redoc and keeps none of its CDN images or scripts', () => {
    requireBuiltSite();
    const html = readFileSync(siteIndex, 'utf8');
    // Booleans, not string matchers: a failure should not print 2.6 MB of page.
    expect(/<script[^>]+\bsrc=/.test(html)).toBe(false);
    expect(/<link[^>]+href="https?:/.test(html)).toBe(false);
    for (const [remote] of REMOTE_ASSET_REPLACEMENTS) expect(html.includes(remote), remote).toBe(false);
    expect(html.includes('"disableTelemetry":true')).toBe(true);
    expect(html.includes('<link rel="icon" type="image/svg+xml" href="favicon.svg" />')).toBe(true);
  });

  it('has the logo, favicon and attribution image beside the page', () => {
    for (const asset of SITE_ASSETS) expect(existsSync(join(siteDir, asset))).toBe(true);
  });

  it('refuses to build if Redoc stops referencing the images it replaces', () => {
    expect(() => localizeRemoteAssets('<html></html>')).toThrow(/Expected the Redoc bundle to reference/);
    const both = REMOTE_ASSET_REPLACEMENTS.map(([remote]) => `<img src="${remote}">`).join('');
    expect(localizeRemoteAssets(both)).toBe(
      REMOTE_ASSET_REPLACEMENTS.map(([, local]) => `<img src="${local}">`).join(''),
    );
  });

  it('opens the tag groups of the sidebar, and refuses to build if Redoc moves where it makes them', () => {
    const html = readFileSync(siteIndex, 'utf8');
    expect(html.includes('items:f,expanded:`true`,') || /items:\w+,expanded:`true`,/.test(html)).toBe(true);
    expect(() => expandTagGroups('<html></html>')).toThrow(/Expected the Redoc bundle to build tag groups/);
  });

  it("has the console beside the page: Scalar's API client bundled as local files, its static imports preloaded, no source map, no key", () => {
    const files = consoleFiles();
    for (const file of ['index.html', 'aria-repairs.js', 'theme.css', 'openapi.json', 'config.json', CLIENT_ENTRY])
      expect(files).toContain(file);
    expect(files).toContain(CLIENT_STYLES);
    const page = readFileSync(join(consoleDir, 'index.html'), 'utf8');
    // Every chunk the entry imports statically is preloaded, and every preload is a file of the console.
    const entry = readFileSync(join(consoleDir, CLIENT_ENTRY), 'utf8');
    const imported = [...entry.matchAll(/(?:from|import)\s*"\.\/(chunks\/[\w.-]+\.js)"/g)].map((match) => match[1]!);
    expect(imported.length).toBeGreaterThan(0);
    const preloaded = [...page.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((match) => match[1]!);
    expect(preloaded.sort()).toEqual([...new Set(imported)].map((chunk) => `client/${chunk}`).sort());
    for (const file of preloaded) expect(files).toContain(file);
    for (const file of files.filter((name) => /\.(js|css)$/.test(name)))
      expect(readFileSync(join(consoleDir, file), 'utf8').includes('sourceMappingURL'), file).toBe(false);
    expect(files.filter((name) => name.endsWith('.map'))).toEqual([]);
    expect(/<script[^>]+\bsrc="(?!client\/console\.js"|aria-repairs\.js")/.test(page)).toBe(false);
    expect(/<link[^>]+href="https?:/.test(page)).toBe(false);
    expect(JSON.parse(readFileSync(join(consoleDir, 'config.json'), 'utf8'))).toEqual({});
    for (const file of files)
      expect(/ak_[A-Za-z0-9_-]{20,}/.test(readFileSync(join(consoleDir, file), 'utf8')), file).toBe(false);
  });

  it("preloads only the bundle's static imports, and refuses a bundle without its entry", () => {
    const at = (path: string) => join('site/console/client', path);
    const metafile = {
      inputs: {},
      outputs: {
        [at('console.js')]: {
          imports: [
            { path: at('chunks/vue-AB12.js'), kind: 'import-statement' as const },
            { path: at('chunks/codemirror-CD34.js'), kind: 'dynamic-import' as const },
          ],
          exports: [],
          inputs: {},
          bytes: 1,
        },
      },
    };
    expect(clientPreloads(metafile)).toBe('<link rel="modulepreload" href="client/chunks/vue-AB12.js" />');
    expect(() => clientPreloads({ inputs: {}, outputs: {} })).toThrow(/entry at client\/console\.js/);
  });

  it("keeps zod and the markdown renderer out of the console's first load, and names either if it comes back", () => {
    // The real modules still have what the replacements stand for (else the build fails).
    expect(Object.keys(trimAliases()).sort()).toEqual([
      '@scalar/code-highlight',
      '@scalar/code-highlight/markdown',
      '@scalar/types/entities',
    ]);
    const output = (inputs: string[], imports: { path: string; kind: 'import-statement' | 'dynamic-import' }[]) => ({
      imports,
      exports: [],
      inputs: Object.fromEntries(inputs.map((input) => [input, { bytesInOutput: 1 }])),
      bytes: 1,
    });
    const [zod, markdown] = TRIMMED_PACKAGES.map((name) => `node_modules/${name}/dist/index.js`);
    const metafile = {
      inputs: {},
      outputs: {
        'console.js': output(
          ['src/console/page/console.ts'],
          [
            { path: 'chunks/a.js', kind: 'import-statement' },
            { path: 'chunks/later.js', kind: 'dynamic-import' },
          ],
        ),
        'chunks/a.js': output([zod!, 'node_modules/vue/index.js'], []),
        'chunks/later.js': output([markdown!], []),
      },
    };
    // A chunk loaded on demand may hold them; one the entry imports statically may not.
    expect(untrimmed(metafile, 'console.js')).toEqual([zod]);
    metafile.outputs['chunks/a.js'] = output(['node_modules/vue/index.js'], []);
    expect(untrimmed(metafile, 'console.js')).toEqual([]);
  });
});
