/**
 * `--mcp <dir>`: the configuration an agent host needs to reach this sandbox
 * through the MCP server in `<dir>` (`@freddy/mcp`), asked of that server
 * itself (`freddy-mcp --print-config`) with the sandbox's URL and demo key, so
 * nothing about it is written here: its bin, its switches and its
 * environment are its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type McpHostConfig = { ok: true; json: string } | { ok: false; reason: string };

/** The bin of the MCP server package in `dir`; refuses a folder that is not one, before the sandbox starts. */
export function mcpBin(dir: string): string {
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) throw new Error(`--mcp ${dir} has no package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: Record<string, string> };
  const [binFile, ...others] = Object.values(bin ?? {});
  if (!binFile || others.length) throw new Error(`--mcp ${dir} names no single bin in its package.json`);
  return resolve(dir, binFile);
}

/** The server's own `--print-config` for this sandbox, pretty-printed; or why there is none (not built). */
export function mcpHostConfig(bin: string, sandbox: { url: string; apiKey: string }): McpHostConfig {
  try {
    const json = execFileSync(process.execPath, [bin, '--print-config'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FREDDY_API_KEY: sandbox.apiKey, FREDDY_BASE_URL: sandbox.url },
      // A busy machine starts a Node slowly; a hung one must not hold the sandbox's start for long.
      timeout: 60_000,
    });
    return { ok: true, json: JSON.stringify(JSON.parse(json), null, 2) };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return { ok: false, reason: stderr?.split('\n').at(-1) || (error as Error).message.split('\n')[0]! };
  }
}
