/**
 * The built page on disk: Redoc inlined, no CDN address left for the browser
 * to load, telemetry off, and our assets beside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localizeRemoteAssets, REMOTE_ASSET_REPLACEMENTS, SITE_ASSETS } from '../src/build.js';
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
});
