/**
 * The agent host's configuration: `freddy-mcp --print-config`, and what
 * `pnpm start` prints with it (the sandbox's `--mcp`), which must work as
 * printed: the SDK's client starts the server exactly as the entry says and
 * calls the sandbox with the demo key.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, test } from 'vitest';
import { binPath, call, text } from './support/mcp-clients.js';

const sandboxDir = dirname(fileURLToPath(import.meta.resolve('@freddy/sandbox/package.json')));
// `pnpm start` is the sandbox's `start` script: `node lib/cli.js --docs ../docs/site --mcp ../../packages/mcp`.
const startScript = (
  JSON.parse(readFileSync(join(sandboxDir, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start;

interface Entry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

describe('freddy-mcp --print-config', () => {
  test('prints an mcpServers entry that runs this installation with these settings', () => {
    const run = spawnSync(process.execPath, [binPath, '--print-config', '--read-only'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', FREDDY_API_KEY: 'ak_print', FREDDY_BASE_URL: 'http://127.0.0.1:4010/v1/' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      mcpServers: {
        freddy: {
          command: process.execPath,
          args: [binPath, '--read-only'],
          env: { FREDDY_API_KEY: 'ak_print', FREDDY_BASE_URL: 'http://127.0.0.1:4010/v1' },
        },
      },
    });
  });
});

describe('pnpm start', () => {
  test('prints, beside its curl line, an mcpServers entry for the sandbox that works as printed', async () => {
    // The start script's command line, from the sandbox's folder, on a free port and in memory.
    const [node, ...args] = startScript.split(' ');
    expect(node).toBe('node');
    expect(args).toContain('--mcp');
    const sandbox = spawn(process.execPath, [...args, '--memory', '--port', '0', '--quiet'], {
      cwd: sandboxDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => sandbox.once('exit', resolve));
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        sandbox.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (/\n {2}\}\n\n/.test(out)) resolve();
        });
        void exited.then(() => reject(new Error(`the sandbox exited: ${out}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
      const key = /Demo API key:\s+(ak_\S+)/.exec(out)![1]!;
      expect(out).toContain(`curl -s -H "Authorization: Bearer ${key}" ${url}/threads`);
      const printed = JSON.parse(out.slice(out.indexOf('  {'))) as { mcpServers: { freddy: Entry } };
      const entry = printed.mcpServers.freddy;
      expect(entry.env).toEqual({ FREDDY_API_KEY: key, FREDDY_BASE_URL: url });
      expect(entry.args).toEqual([binPath]);

      // What a host does with the entry: start the command with its arguments and environment.
      const client = new Client({ name: 'host', version: '1.0.0' });
      await client.connect(new StdioClientTransport({ command: entry.command, args: entry.args, env: entry.env }));
      try {
        const created = await call(client, 'create_thread', { title: 'From an agent host' });
        expect(created.isError, text(created)).toBeFalsy();
        const page = await call(client, 'list_threads', {});
        expect(JSON.parse(text(page)).data.map((thread: { title: string }) => thread.title)).toContain(
          'From an agent host',
        );
      } finally {
        await client.close();
      }
    } finally {
      sandbox.kill('SIGINT');
      await exited;
    }
  });
});
