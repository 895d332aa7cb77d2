/**
 * `freddy-mcp` over stdio, as an agent host runs it: the built bin as a
 * child process, the SDK's client on its stdin and stdout, a reference
 * server on 127.0.0.1 behind it.
 */
import { spawnSync } from 'node:child_process';
import { describeContract } from '@freddy/spec';
import { useSandbox } from '@freddy/testing';
import { describe, expect, test } from 'vitest';
import { binPath, call, connectStdio, ERAS, text } from './support/mcp-clients.js';
import { toolScenarios } from './support/scenarios.js';
import { snake } from './support/tool-names.js';

const sandbox = useSandbox();
const operations = describeContract().operations;
const names = operations.map((op) => snake(op.id));
const reads = operations.filter((op) => op.method === 'GET').map((op) => snake(op.id));
const writes = names.filter((name) => !reads.includes(name));

describe.each(ERAS)('over stdio, a %s client', (era) => {
  toolScenarios(sandbox, {
    era,
    connect: ({ apiKey, baseUrl }) => connectStdio({ FREDDY_API_KEY: apiKey, FREDDY_BASE_URL: baseUrl }, [], era),
  });
});

describe('starting up', () => {
  test('without FREDDY_API_KEY: one line on stderr saying so, and exit code 1', () => {
    const run = spawnSync(process.execPath, [binPath], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('freddy-mcp: FREDDY_API_KEY is not set: set it to your Freddy API key (ak_…)\n');
  });

  test.each([
    [['--nope'], {}, "freddy-mcp: Unknown option '--nope'; see --help\n"],
    [
      ['--tools', 'zz_no_such_tool'],
      {},
      `freddy-mcp: no tool named zz_no_such_tool; the tools are ${names.join(', ')}\n`,
    ],
    [['--read-only', '--tools', writes[0]!], {}, new RegExp(`--read-only leaves out ${writes[0]}`)],
    [[], { FREDDY_BASE_URL: 'ftp://example.com' }, 'freddy-mcp: FREDDY_BASE_URL must be http or https, not ftp:\n'],
    [
      [],
      { FREDDY_BASE_URL: 'http://127.0.0.1:4010/v1?token=secret_in_query' },
      "freddy-mcp: FREDDY_BASE_URL must not carry a query or a fragment (?… or #…): give the API's base only\n",
    ],
    [
      [],
      { FREDDY_BASE_URL: 'http://127.0.0.1:4010/v1#frag' },
      "freddy-mcp: FREDDY_BASE_URL must not carry a query or a fragment (?… or #…): give the API's base only\n",
    ],
    [
      [],
      { FREDDY_TIMEOUT_MS: '90s' },
      'freddy-mcp: FREDDY_TIMEOUT_MS must be a whole number of milliseconds, 1–60000, not "90s"\n',
    ],
    [['--port', '80'], {}, 'freddy-mcp: --port, --host and --allowed-origins belong to --http\n'],
  ])('%j %j: one clear line and exit code 1', (args, env, expected) => {
    const run = spawnSync(process.execPath, [binPath, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', FREDDY_API_KEY: 'ak_secret_startup', ...env },
    });
    expect(run.status).toBe(1);
    if (typeof expected === 'string') expect(run.stderr).toBe(expected);
    else expect(run.stderr).toMatch(expected);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toContain('ak_secret_startup');
    expect(run.stderr).not.toContain('secret_in_query');
  });

  test('FREDDY_LOG=debug: the client logs each attempt to stderr, never the key; stdout stays the protocol', async () => {
    const key = sandbox.current.credentials.demo.apiKey;
    const mcp = await connectStdio({ FREDDY_API_KEY: key, FREDDY_BASE_URL: sandbox.current.url, FREDDY_LOG: 'debug' });
    try {
      const result = await call(mcp.client, 'list_threads', { limit: 1 });
      expect(result.isError, text(result)).toBeFalsy();
      await expect.poll(() => mcp.stderr()).toContain('[freddy] GET /threads answered 200');
      expect(mcp.stderr()).toMatch(
        new RegExp(
          `^freddy-mcp \\S+ \\(node v\\d+\\.\\d+\\.\\d+\\): ${names.length} tools on stdio, calling http://127\\.0\\.0\\.1:\\d+/v1\\n`,
        ),
      );
      expect(mcp.stderr()).not.toContain(key);
    } finally {
      await mcp.close();
    }
  });

  test('--read-only offers only the reads, and --tools a chosen few', async () => {
    const env = { FREDDY_API_KEY: 'ak_x', FREDDY_BASE_URL: sandbox.current.url };
    // Two tools named out of the contract's order come back in it.
    const [first, last] = [names[0]!, names.at(-1)!];
    const leftOut = writes.find((name) => name !== first && name !== last)!;
    for (const [args, offered] of [
      [['--read-only'], reads],
      [
        ['--tools', `${last},${first}`],
        [first, last],
      ],
    ] as const) {
      const mcp = await connectStdio(env, [...args]);
      try {
        expect((await mcp.client.listTools()).tools.map((tool) => tool.name)).toEqual(offered);
        await expect(mcp.client.callTool({ name: leftOut, arguments: {} })).rejects.toThrow(`Unknown tool: ${leftOut}`);
      } finally {
        await mcp.close();
      }
    }
  });
});
