/**
 * `pnpm start` at the repository's root: builds what the sandbox serves (the
 * sandbox, its docs site, the MCP server it prints an entry for) with turbo,
 * quietly (a cached build replays nothing; a failed one prints its log and
 * stops here), then runs the sandbox's own `start` command (package.json) in
 * this process, from its folder, with whatever `pnpm start -- …` adds. The
 * terminal shows the sandbox's banner and request log and nothing of turbo's,
 * and Ctrl-C reaches the sandbox directly.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sandboxDir = fileURLToPath(new URL('..', import.meta.url));
const rootDir = join(sandboxDir, '../..');
const BUILD = [
  'run',
  'build',
  '--filter=@freddy/sandbox...',
  '--filter=@freddy/docs',
  '--filter=@freddy/mcp',
  '--output-logs=errors-only',
  '--ui=stream',
];
/** A build that takes longer than this says what it is doing (a cached one takes well under it). */
const QUIET_BUILD_MS = 2_000;

const output = [];
const build = spawn(join(rootDir, 'node_modules/.bin/turbo'), BUILD, {
  cwd: rootDir,
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
build.stdout.on('data', (chunk) => output.push(chunk));
build.stderr.on('data', (chunk) => output.push(chunk));
const slow = setTimeout(
  () => process.stdout.write('Building the sandbox, its docs and the MCP server…\n'),
  QUIET_BUILD_MS,
);
const code = await new Promise((resolve) => {
  build.once('close', (exit) => resolve(exit ?? 1));
  // No turbo to run: the workspace is not installed.
  build.once('error', (error) => {
    output.push(Buffer.from(`pnpm start: cannot run turbo (${error.message}); run pnpm install first\n`));
    resolve(1);
  });
});
clearTimeout(slow);
if (code !== 0) {
  process.stderr.write(Buffer.concat(output));
  process.exit(code);
}

const { scripts } = JSON.parse(readFileSync(join(sandboxDir, 'package.json'), 'utf8'));
const [command, entry, ...args] = scripts.start.split(' ');
if (command !== 'node' || !entry)
  throw new Error(`apps/sandbox's start script is not "node <file> …": ${scripts.start}`);
process.chdir(sandboxDir);
process.argv = [process.argv[0], join(sandboxDir, entry), ...args, ...process.argv.slice(2)];
await import(pathToFileURL(join(sandboxDir, entry)).href);
