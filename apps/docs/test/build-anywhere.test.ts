/**
 * The build writes the site wherever the repository is cloned: from a folder
 * whose path has a space, reached through a symlink (a space in it too). The
 * main-module check used to compare `import.meta.url` with `file://${argv[1]}`,
 * which fails there, so `pnpm build` exited 0 having written nothing.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isMainModule } from '../src/main-module.js';
import { appDir } from '../src/paths.js';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'freddy docs '));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('isMainModule', () => {
  it('takes import.meta.main where Node sets it', () => {
    const url = pathToFileURL(join(scratch, 'x.mjs')).href;
    expect(isMainModule({ url, main: true } as ImportMeta)).toBe(true);
    expect(isMainModule({ url, main: false } as ImportMeta)).toBe(false);
  });

  it('otherwise (tsx) compares real paths: a space or a symlink in either does not matter', () => {
    const real = join(scratch, 'real dir');
    mkdirSync(real);
    writeFileSync(join(real, 'entry.ts'), '');
    writeFileSync(join(real, 'other.ts'), '');
    symlinkSync(real, join(scratch, 'linked dir'));
    const argv1 = process.argv[1]!;
    process.argv[1] = join(scratch, 'linked dir', 'entry.ts');
    try {
      const meta = (file: string) => ({ url: pathToFileURL(join(real, file)).href }) as ImportMeta;
      expect(isMainModule(meta('entry.ts'))).toBe(true);
      expect(isMainModule(meta('other.ts'))).toBe(false);
      expect(isMainModule(meta('missing.ts'))).toBe(false);
    } finally {
      process.argv[1] = argv1;
    }
  });
});

describe('the build, from a checkout under a path with a space, run through a symlink', () => {
  it('writes the site', async () => {
    // What the build reads from the checkout: the app's sources, assets and scripts (build-docs'
    // prerender hooks), and the types' CHANGELOG (the API changelog); its dependencies through
    // the real node_modules.
    const checkout = join(scratch, 'clone with space');
    const app = join(checkout, 'apps/docs');
    for (const name of ['src', 'assets', 'scripts', 'redocly.yaml', 'package.json', 'tsconfig.json'])
      cpSync(join(appDir, name), join(app, name), { recursive: true });
    symlinkSync(join(appDir, 'node_modules'), join(app, 'node_modules'));
    cpSync(join(appDir, '../../packages/types/CHANGELOG.md'), join(checkout, 'packages/types/CHANGELOG.md'));
    const link = join(scratch, 'link with space');
    symlinkSync(checkout, link);

    // As `pnpm build` runs it (`tsx src/build.ts` in the app's folder), from the symlink.
    const linkedApp = join(link, 'apps/docs');
    const { stdout } = await run(
      process.execPath,
      [join(appDir, 'node_modules/tsx/dist/cli.mjs'), join(linkedApp, 'src/build.ts')],
      { cwd: linkedApp },
    );
    expect(stdout).toContain('Built ');
    for (const file of ['index.html', 'console/index.html', 'llms.txt', 'openapi.json'])
      expect(existsSync(join(app, 'site', file)), file).toBe(true);
  });
});
