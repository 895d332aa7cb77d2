/**
 * Runs generated samples as a reader would: curl in bash, JavaScript and
 * TypeScript in Node (TypeScript through tsx), Python with python3. The
 * sample files are kept under test-results/samples/ as artifacts.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type TypecheckResult, typecheck as typecheckFiles } from '@freddy/testing';
import { appDir } from '../../src/paths.js';

const run = promisify(execFile);
export const samplesDir = join(appDir, 'test-results', 'samples');

export function writeSample(name: string, source: string): string {
  mkdirSync(samplesDir, { recursive: true });
  const file = join(samplesDir, name);
  writeFileSync(file, `${source}\n`);
  return file;
}

function sampleEnv(apiKey: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, FREDDY_API_KEY: apiKey };
}

export interface HttpResult {
  status: number;
  body: unknown;
}

/**
 * The sample text runs unchanged; a shell function named `curl` wraps the
 * real one to capture the status code and the body.
 */
export async function runCurl(name: string, source: string, apiKey: string): Promise<HttpResult> {
  const [only, ...more] = await runCurlCalls(name, source, apiKey);
  if (!only || more.length > 0) throw new Error(`${name}: expected one curl call, got ${more.length + (only ? 1 : 0)}`);
  return only;
}

/** As `runCurl`, for a script of several curl calls: each call's status and body, in order. */
export async function runCurlCalls(name: string, source: string, apiKey: string): Promise<HttpResult[]> {
  const bodyFile = (call: number | string) => join(samplesDir, `${name}.${call}.body.json`);
  const script = [
    'call=0',
    `curl() { call=$((call + 1)); command curl --silent --show-error --output "${bodyFile('$call')}" --write-out '%{http_code}\\n' "$@"; }`,
    source,
  ].join('\n');
  const file = writeSample(`${name}.sh`, script);
  const { stdout } = await run('bash', ['-e', file], { env: sampleEnv(apiKey) });
  return stdout
    .trim()
    .split('\n')
    .map((status, index) => ({ status: Number(status), body: JSON.parse(readFileSync(bodyFile(index + 1), 'utf8')) }));
}

/** Runs a JavaScript (`.mjs`) or TypeScript (`.mts`) sample; it prints the parsed body as JSON. */
export async function runNode(file: string, apiKey: string): Promise<unknown> {
  return JSON.parse(await nodeOutput(file, apiKey));
}

/** What a JavaScript or TypeScript sample prints. */
export async function nodeOutput(file: string, apiKey: string): Promise<string> {
  const args = file.endsWith('.mts') ? [join(appDir, 'node_modules/tsx/dist/cli.mjs'), file] : [file];
  const { stdout } = await run(process.execPath, args, { env: sampleEnv(apiKey), cwd: appDir });
  return stdout;
}

export async function runPython(file: string, apiKey: string): Promise<unknown> {
  return JSON.parse(await pythonOutput(file, apiKey));
}

/** What a Python sample prints. */
export async function pythonOutput(file: string, apiKey: string): Promise<string> {
  const { stdout } = await run('python3', [file], { env: sampleEnv(apiKey) });
  return stdout;
}

/** Whether python3 can import `requests` (the Python samples run only then; they are always syntax-checked). */
export function pythonHasRequests(): boolean {
  try {
    execFileSync('python3', ['-c', 'import requests'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `tsc --noEmit` over the given files, resolved from this app (so `@freddy/client` is the workspace package). */
export function typecheck(files: string[]): Promise<TypecheckResult> {
  mkdirSync(samplesDir, { recursive: true });
  return typecheckFiles({
    dir: samplesDir,
    name: 'samples',
    files,
    extends: '../../../../tsconfig.base.json',
    compilerOptions: { skipLibCheck: false, types: ['node'] },
  });
}
