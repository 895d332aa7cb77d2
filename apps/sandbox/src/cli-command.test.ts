import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommand, startFailure } from './cli-command.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './options.js';
import { startSandbox } from './sandbox.js';

const run = (argv: string[], env: Record<string, string> = {}) => {
  const command = readCommand(argv, env);
  if (command.kind !== 'run') throw new Error(`not a run: ${command.kind}`);
  return command;
};

describe('readCommand', () => {
  it('runs on the default port and host, on ./.data, logging, with the contract’s rate limit', () => {
    expect(run([])).toEqual({
      kind: 'run',
      options: {
        port: DEFAULT_PORT,
        host: DEFAULT_HOST,
        memory: false,
        dataDir: resolve('.data'),
        rateLimit: undefined,
        docsDir: undefined,
      },
      settings: { logLevel: 'info', storage: resolve('.data') },
    });
  });

  it('takes the port from --port, else FREDDY_SANDBOX_PORT, and refuses one out of range naming both', () => {
    expect(run([], { FREDDY_SANDBOX_PORT: '4020' }).options.port).toBe(4020);
    expect(run(['--port', '0'], { FREDDY_SANDBOX_PORT: '4020' }).options.port).toBe(0);
    expect(run([], { FREDDY_SANDBOX_PORT: '' }).options.port).toBe(DEFAULT_PORT);
    for (const bad of ['eighty', '65536', '-1', '1.5']) {
      expect(() => readCommand([`--port=${bad}`], {}), bad).toThrow(
        `--port (or FREDDY_SANDBOX_PORT) must be 0–65535, not "${bad}"`,
      );
    }
    expect(() => readCommand([], { FREDDY_SANDBOX_PORT: 'x' })).toThrow('not "x"');
  });

  it('reads the storage, rate limit, log and docs flags', () => {
    const memory = run(['--memory', '--data', 'ignored', '--no-rate-limit', '--quiet', '--docs', 'site']);
    expect(memory.options).toMatchObject({
      memory: true,
      dataDir: undefined,
      rateLimit: false,
      docsDir: 'site',
    });
    expect(memory.settings).toEqual({ logLevel: 'silent', storage: undefined, docsDir: 'site' });
    expect(run(['--verbose']).settings.logLevel).toBe('debug');
    expect(run(['--data', 'here', '--rate-limit', '5/1m']).options).toMatchObject({
      dataDir: resolve('here'),
      rateLimit: { limit: 5, windowMs: 60_000 },
    });
    expect(() => readCommand(['--rate-limit', 'lots'], {})).toThrow(/--rate-limit/);
  });

  it('reads a chaos run only with a rate, and a seed file', () => {
    expect(run(['--fault-seed', '7']).options.faults).toBeUndefined();
    const chaos = run(['--fault-rate', '5%', '--fault-seed', '7', '--faults', 'reset', '--seed', 'seed.json']);
    expect(chaos.options).toMatchObject({ faults: { rate: 0.05, seed: 7, faults: 'reset' }, seedFile: 'seed.json' });
    expect(chaos.settings).toMatchObject({ faultRate: '5%', seedFile: resolve('seed.json') });
    expect(() => readCommand(['--fault-rate', '2'], {})).toThrow(/--fault-rate/);
    expect(() => readCommand(['--fault-rate', '1', '--fault-seed', 'x'], {})).toThrow(/--fault-seed/);
  });

  it('reads help, and keys create with its own flags only', () => {
    expect(readCommand(['-h'], {})).toEqual({ kind: 'help' });
    expect(readCommand(['keys', 'create', '--read-only', '--org', 'other', '--data', 'd'], {})).toEqual({
      kind: 'keys',
      dataDir: resolve('d'),
      readOnly: true,
      organization: 'other',
    });
    expect(readCommand(['keys', 'create'], {})).toMatchObject({ readOnly: false, organization: 'demo' });
    expect(() => readCommand(['keys', 'create', '--org', 'third'], {})).toThrow(
      '--org must be demo or other, not "third"',
    );
    expect(() => readCommand(['keys', 'delete'], {})).toThrow('unknown command "keys delete"');
    expect(() => readCommand(['--read-only'], {})).toThrow('--read-only and --org belong to "keys create"');
    expect(() => readCommand(['--nope'], {})).toThrow(/--nope/);
  });
});

describe('startFailure', () => {
  it('names the port in use and how to pick another, FREDDY_SANDBOX_PORT among them', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const options = { port, host: '127.0.0.1' };
      const error = await startSandbox({ ...options, memory: true }).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(startFailure(error, options).message).toBe(
        `port ${port} on 127.0.0.1 is in use (another sandbox?); ` +
          'pick another with --port <n>, or FREDDY_SANDBOX_PORT=<n> pnpm start (0 picks a free one)',
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('passes any other failure on as it is', () => {
    const other = new Error('disk full');
    expect(startFailure(other, {})).toBe(other);
  });
});
