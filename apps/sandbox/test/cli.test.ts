/** The `freddy-sandbox` command as a user runs it. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, runCli } from './cli-process.js';

describe('freddy-sandbox', () => {
  it('--help lists every flag', () => {
    const res = spawnSync(process.execPath, [cliPath, '--help'], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    for (const flag of ['--port', '--host', '--data', '--memory', '--rate-limit', '--no-rate-limit', '--docs']) {
      expect(res.stdout).toContain(flag);
    }
  });

  it('refuses an unknown flag or a bad value with a message and exit code 1', () => {
    for (const args of [['--nope'], ['--port', 'eighty'], ['--rate-limit', 'lots']]) {
      const res = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
      expect(res.status, args.join(' ')).toBe(1);
      expect(res.stderr).toMatch(/freddy-sandbox: /);
    }
  });

  it('takes its port from FREDDY_SANDBOX_PORT when no --port is given', () => {
    const res = spawnSync(process.execPath, [cliPath, '--memory'], {
      encoding: 'utf8',
      env: { ...process.env, FREDDY_SANDBOX_PORT: 'not-a-port' },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('"not-a-port"');
  });

  it('prints the base URL, the demo key and a curl command that works as printed', async () => {
    const cli = await runCli(['--memory', '--rate-limit', '7/1m']);
    try {
      const curl = /curl -s -H "Authorization: Bearer (ak_\S+)" (http:\/\/\S+)/.exec(cli.output());
      expect(curl?.[1]).toBe(cli.apiKey);
      const res = await fetch(curl![2]!, { headers: { authorization: `Bearer ${curl![1]}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { object: string }).object).toBe('list');
      expect(res.headers.get('x-ratelimit-limit')).toBe('7');
      expect(cli.output()).toContain('in memory');
    } finally {
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
    }
  });

  it('--mcp <dir> prints what the MCP server in that folder says for this sandbox, or why it cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'freddy-sandbox-mcp-'));
    try {
      // A stand-in for @freddy/mcp's bin: it answers --print-config from the environment it is given.
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'stand-in', bin: { 'stand-in': './bin.mjs' } }));
      writeFileSync(
        join(dir, 'bin.mjs'),
        'const { FREDDY_API_KEY: key, FREDDY_BASE_URL: url } = process.env;\n' +
          "if (process.argv[2] !== '--print-config') process.exit(2);\n" +
          'console.log(JSON.stringify({ mcpServers: { freddy: { command: "x", args: [], env: { key, url } } } }));\n',
      );
      const cli = await runCli(['--memory', '--mcp', dir]);
      try {
        await cli.waitForOutput('"mcpServers"');
        await cli.waitForOutput('  }\n');
        const json = cli.output().slice(cli.output().indexOf('  {'));
        expect(JSON.parse(json).mcpServers.freddy.env).toEqual({ key: cli.apiKey, url: cli.url });
      } finally {
        cli.child.kill('SIGINT');
        await cli.exited;
      }

      writeFileSync(join(dir, 'bin.mjs'), "console.error('the server is not built'); process.exit(1);\n");
      const unbuilt = await runCli(['--memory', '--mcp', dir]);
      try {
        expect(unbuilt.output()).toContain('MCP: no host configuration from');
        expect(unbuilt.output()).toContain('(the server is not built); `pnpm build` builds it');
      } finally {
        unbuilt.child.kill('SIGINT');
        await unbuilt.exited;
      }

      const empty = join(dir, 'empty');
      mkdirSync(empty);
      const none = spawnSync(process.execPath, [cliPath, '--memory', '--mcp', empty], { encoding: 'utf8' });
      expect(none.status).toBe(1);
      expect(none.stderr).toBe(`freddy-sandbox: --mcp ${empty} has no package.json\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
