/**
 * The official MCP conformance suite (`@modelcontextprotocol/conformance`)
 * against `freddy-mcp --http`, as this process wires it, with a reference
 * server behind it: every scenario of the suite's active set; those listed
 * in `conformance/expected-failures.yml` test features this server does not
 * offer (each says why). The suite exits non-zero on any other failure, and
 * on a listed scenario that passes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useSandbox } from '@freddy/testing';
import { afterAll, expect, test } from 'vitest';
import { closeMcpHttpServers, startMcpHttp } from './support/http-servers.js';

const sandbox = useSandbox();
afterAll(closeMcpHttpServers);

const expectedFailures = fileURLToPath(new URL('./conformance/expected-failures.yml', import.meta.url));
const require = createRequire(import.meta.url);
const suitePackage = require.resolve('@modelcontextprotocol/conformance/package.json');
const suiteBin = join(
  dirname(suitePackage),
  (JSON.parse(readFileSync(suitePackage, 'utf8')) as { bin: Record<string, string> }).bin.conformance!,
);

test('every entry of the expected failures names a scenario and says why', () => {
  const entries = readFileSync(expectedFailures, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('  - '));
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) expect(entry, entry).toMatch(/^ {2}- [a-z0-9-]+ # \S.{10,}$/);
});

test('the conformance suite passes, but for the features this server does not offer', async () => {
  const { url } = await startMcpHttp({ apiKey: sandbox.current.credentials.demo.apiKey, baseUrl: sandbox.current.url });
  const output = mkdtempSync(join(tmpdir(), 'freddy-mcp-conformance-'));
  try {
    const run = await new Promise<{ code: number | null; log: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [suiteBin, 'server', '--url', url, '--expected-failures', expectedFailures, '--output-dir', output],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let log = '';
      child.stdout.on('data', (chunk: Buffer) => {
        log += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
      });
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, log }));
    });
    const summary = run.log.slice(run.log.lastIndexOf('=== SUMMARY ==='));
    expect(run.code, summary).toBe(0);
    // What the server offers passed: the handshake, ping, the tool and prompt lists, and the DNS-rebinding checks.
    for (const scenario of ['server-initialize', 'ping', 'tools-list', 'prompts-list', 'dns-rebinding-protection'])
      expect(summary).toMatch(new RegExp(`✓ ${scenario}: [1-9]\\d* passed, 0 failed`));
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
});
