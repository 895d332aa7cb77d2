/**
 * `.ci/check-node.cjs`, run by the README's first command and by .ci/run
 * before anything that needs the toolchain's Node: a Node older than
 * package.json's engines.node gets one line naming the version to install.
 * Run here on copies beside a package.json of the test's choosing, so an old
 * Node is simulated by a newer floor.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../.ci/check-node.cjs', import.meta.url));
const run = promisify(execFile);

async function checkNode(engines: string, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'freddy-node-check-'));
  mkdirSync(join(dir, '.ci'));
  copyFileSync(script, join(dir, '.ci/check-node.cjs'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ engines: { node: engines } }));
  try {
    const { stdout, stderr } = await run(process.execPath, [join(dir, '.ci/check-node.cjs'), ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('.ci/check-node.cjs', () => {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];

  it('passes the repository’s own engines on the Node running the tests', async () => {
    const { engines } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    expect(await checkNode(engines.node)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('passes a floor equal to the running Node', async () => {
    expect((await checkNode(`>=${major}.${minor}`)).code).toBe(0);
  });

  it('refuses an older Node with one line naming the version to install', async () => {
    const result = await checkNode(`>=${major + 1}.0`);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `This repository needs Node ${major + 1}.0 or later (Node ${major + 1} LTS or a newer LTS); this is Node ${process.versions.node}. Install it from https://nodejs.org and run the command again.`,
    ]);
    expect((await checkNode(`>=${major}.${minor + 1}`)).code).toBe(1);
  });

  it('prints the major that .ci/run installs', async () => {
    expect(await checkNode('>=31.4', ['--major'])).toEqual({ code: 0, stdout: '31\n', stderr: '' });
  });

  it('refuses an engines range it cannot read, rather than guessing', async () => {
    const result = await checkNode('^24 || ^26');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('engines.node must read ">=MAJOR.MINOR"');
  });
});
