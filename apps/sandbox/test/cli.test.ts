/** The `freddy-sandbox` command as a user runs it. */
import { spawnSync } from 'node:child_process';
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
});
