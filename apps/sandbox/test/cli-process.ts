/** Runs the built CLI (`lib/cli.js`) as a child process, as `pnpm start` does. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const cliPath = fileURLToPath(new URL('../lib/cli.js', import.meta.url));

export interface RunningCli {
  child: ChildProcess;
  url: string;
  apiKey: string;
  output: () => string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
  waitForOutput(text: string): Promise<void>;
}

export async function runCli(args: string[]): Promise<RunningCli> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run "pnpm --filter @freddy/sandbox build" first`);
  const child = spawn(process.execPath, [cliPath, '--port', '0', '--quiet', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) {
      if (out.includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const waitForOutput = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(text)) return resolve();
      waiters.push({ text, resolve });
      exited.then(() => reject(new Error(`CLI exited before printing "${text}":\n${out}`)));
    });
  await waitForOutput('Try it:');
  const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
  const apiKey = /Demo API key:\s+(ak_\S+)/.exec(out)?.[1];
  if (!url || !apiKey) throw new Error(`Unexpected CLI output:\n${out}`);
  return { child, url, apiKey, output: () => out, exited, waitForOutput };
}
