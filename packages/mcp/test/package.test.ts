/**
 * The packed tarball, as a consumer installs it: with the @freddy/types and
 * @freddy/client tarballs, by npm, into a fresh project. It holds the build
 * and no sources, depends on registry packages only, and `npx freddy-mcp`
 * there answers tools/list and calls a reference server, under each Node the
 * package's engines admit.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeContract } from '@freddy/spec';
import { ensureRuntime, nodeRuntime, useSandbox } from '@freddy/testing';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installConsumerProject, mcpDir, run } from './support/consumer-project.js';
import { call, text } from './support/mcp-clients.js';
import { snake } from './support/tool-names.js';

const sandbox = useSandbox();
let project: string;
let tarball: string;

beforeAll(() => {
  const installed = installConsumerProject();
  project = installed.project;
  tarball = installed.tarballs['@freddy/mcp'];
});
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the tarball', () => {
  test('holds the bin, the build, its types, the README and the licence, and no sources, tests or scripts', () => {
    const files = run('tar', ['-tzf', tarball], project).trim().split('\n').sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'package/bin/freddy-mcp.js',
        'package/dist/cli.js',
        'package/dist/index.js',
        'package/dist/index.d.ts',
        'package/package.json',
        'package/README.md',
        'package/LICENSE',
      ]),
    );
    expect(files.filter((file) => /\/(src|test|scripts|generated|bench)\//.test(file))).toEqual([]);
  });

  test("is MIT, with the repository's LICENSE in it", () => {
    const root = join(project, 'node_modules/@freddy/mcp');
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toBe(readFileSync(join(mcpDir, '../../LICENSE'), 'utf8'));
  });

  test('depends on registry packages only, by caret ranges', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@freddy/mcp/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies?: unknown;
    };
    const client = JSON.parse(readFileSync(join(mcpDir, '../client/package.json'), 'utf8')) as { version: string };
    // workspace:^ became a caret range on the client's own version.
    expect(manifest.dependencies['@freddy/client']).toBe(`^${client.version}`);
    for (const [name, version] of Object.entries(manifest.dependencies)) {
      expect(version, name).toMatch(/^\^\d+\.\d+\.\d+$/);
      expect(name).not.toMatch(/^@freddy\/(spec|testing|sandbox|types)$/);
    }
    // Nothing private of the workspace came with it.
    for (const name of ['spec', 'testing', 'sandbox']) {
      expect(() => readFileSync(join(project, `node_modules/@freddy/${name}/package.json`))).toThrow();
    }
  });

  test('imports as ESM, with the generated tools in it', () => {
    const out = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { toolDefinitions } from '@freddy/mcp'; console.log(toolDefinitions.map((tool) => tool.name).join())",
      ],
      project,
    );
    expect(out.trim().split(',')).toEqual(describeContract().operations.map((op) => snake(op.id)));
  });
});

describe('npx freddy-mcp in the consumer project', () => {
  const nodes = [22, 24, 26];

  test.each(nodes)('answers tools/list and calls the reference server, under Node %i', async (major) => {
    const node = await ensureRuntime(nodeRuntime(major));
    const client = new Client({ name: 'consumer', version: '1.0.0' });
    const transport = new StdioClientTransport({
      command: 'npx',
      args: ['freddy-mcp'],
      cwd: project,
      env: {
        // The bin's `#!/usr/bin/env node` finds this Node first.
        PATH: `${join(node, '..')}:${process.env.PATH ?? ''}`,
        FREDDY_API_KEY: sandbox.current.credentials.demo.apiKey,
        FREDDY_BASE_URL: sandbox.current.url,
        npm_config_update_notifier: 'false',
      },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(describeContract().operations.map((op) => snake(op.id)));
      const created = await call(client, 'create_thread', { title: `from Node ${major}` });
      expect(created.isError, text(created)).toBeFalsy();
      expect(created.structuredContent).toMatchObject({ title: `from Node ${major}` });
      // The server said which Node runs it: the one asked for.
      expect(stderr).toContain(`(node v${major}.`);
    } finally {
      await client.close();
    }
  });

  test("it reports the installed package's version, which a release sets after the build", async () => {
    const installed = join(project, 'node_modules', '@freddy', 'mcp', 'package.json');
    const original = readFileSync(installed, 'utf8');
    writeFileSync(installed, JSON.stringify({ ...JSON.parse(original), version: '9.9.9-installed' }));
    try {
      expect(run('npx', ['freddy-mcp', '--version'], project).trim()).toBe('9.9.9-installed');
      const client = new Client({ name: 'consumer', version: '1.0.0' });
      await client.connect(
        new StdioClientTransport({
          command: 'npx',
          args: ['freddy-mcp'],
          cwd: project,
          env: { PATH: process.env.PATH ?? '', FREDDY_API_KEY: 'ak_x', npm_config_update_notifier: 'false' },
        }),
      );
      try {
        expect(client.getServerVersion()).toMatchObject({ name: '@freddy/mcp', version: '9.9.9-installed' });
      } finally {
        await client.close();
      }
    } finally {
      writeFileSync(installed, original);
    }
  });

  test('without FREDDY_API_KEY, npx freddy-mcp says so in one line and exits 1', () => {
    let failure: { status?: number; stderr?: string } = {};
    try {
      run('npx', ['freddy-mcp'], project, { FREDDY_API_KEY: '' });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(1);
    expect(failure.stderr).toContain('freddy-mcp: FREDDY_API_KEY is not set');
  });
});
