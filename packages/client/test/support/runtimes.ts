/**
 * The runtimes the client claims, each from its npm registry package,
 * installed and cached by @freddy/testing's `ensureRuntime` (see there why
 * with `--ignore-scripts`).
 */
import { nodeRuntime, type Runtime } from '@freddy/testing';

export { ensureRuntime } from '@freddy/testing';

// Linux x64 only: the machine these tests run on (and CI).
// Every Node major that package.json's engines admits and that is or was an
// LTS; the cache folder is the one .ci/run installs the toolchain's Node in.
export const RUNTIMES: Runtime[] = [
  nodeRuntime(20),
  nodeRuntime(22),
  nodeRuntime(24),
  nodeRuntime(26),
  { name: 'Bun 1.4.4', spec: 'bun@1.4.4', binary: 'node_modules/@oven/bun-linux-x64/bin/bun', args: ['run'] },
  {
    name: 'Deno 2.9.6',
    spec: 'deno@2.9.6',
    binary: 'node_modules/@deno/linux-x64-glibc/deno',
    // Network to the sandbox only; no env, no write: the client must not need them.
    args: ['run', '--no-prompt', '--allow-net=127.0.0.1'],
  },
];
