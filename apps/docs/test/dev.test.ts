/**
 * `pnpm dev` serves the site with live reload: a change to a watched file
 * rebuilds it and the open page reloads. The reload script exists only in
 * what the dev server sends, never in the built page.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, openPage, requireChromiumOrSkip } from '@freddy/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDir } from '../src/paths.js';
import { requireBuiltSite, siteIndex } from './support/site.js';

const hasChromium = requireChromiumOrSkip();

/** Starts `src/dev.ts` on an ephemeral port and resolves with the URL it prints. */
function startDev(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [join(appDir, 'node_modules/tsx/dist/cli.mjs'), join(appDir, 'src/dev.ts')], {
    cwd: appDir,
    env: { ...process.env, DOCS_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /live reload\): (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`dev exited ${code}:\n${output}`)));
  });
}

describe('the production build', () => {
  it('carries no live-reload script', () => {
    requireBuiltSite();
    const html = readFileSync(siteIndex, 'utf8');
    expect(html).not.toContain('__livereload');
    expect(html).not.toContain('EventSource(');
  });
});

describe.skipIf(!hasChromium)('pnpm dev', () => {
  let browser: Browser;
  let dev: Awaited<ReturnType<typeof startDev>>;

  beforeAll(async () => {
    dev = await startDev();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    dev?.child.kill('SIGTERM');
  });

  it('rebuilds on a change and reloads the open page', async () => {
    const { page, consoleErrors } = await openPage(browser);
    await page.goto(`${dev.url}#/threads/pinthread`);
    await page.locator('[id="threads/pinthread"] h2').first().waitFor({ state: 'visible' });
    await page.evaluate(() => {
      (window as unknown as { beforeReload: boolean }).beforeReload = true;
    });
    const reloaded = page.waitForEvent('load', { timeout: 45_000 });
    const now = new Date();
    utimesSync(join(appDir, 'redocly.yaml'), now, now);
    await reloaded;
    expect(await page.evaluate(() => (window as unknown as { beforeReload?: boolean }).beforeReload)).toBeUndefined();
    expect(dev.output()).toContain('Rebuilt; reloading open pages.');
    await page.locator('[id="threads/pinthread"] h2').first().waitFor({ state: 'visible' });
    expect(consoleErrors).toEqual([]);
  });
});
