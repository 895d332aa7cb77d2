/**
 * The `mcpServers` entry an agent host (Claude Desktop, Cursor, VS Code, …)
 * needs to start this server over stdio with a configuration: this Node and
 * this installation's bin, the switches, and the environment.
 */
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { DEFAULT_ATTEMPT_TIMEOUT_MS } from './tools/timeouts.js';

export interface HostEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** The bin of this installation, beside `dist/`. */
const binPath = fileURLToPath(new URL('../bin/freddy-mcp.js', import.meta.url));

export function hostConfig(config: Config): { mcpServers: { freddy: HostEntry } } {
  const args = [binPath];
  if (config.readOnly) args.push('--read-only');
  if (config.tools) args.push('--tools', config.tools.join(','));
  return {
    mcpServers: {
      freddy: {
        // The Node running now, by its path: hosts start servers with a PATH of their own.
        command: process.execPath,
        args,
        env: {
          FREDDY_API_KEY: config.apiKey,
          ...(config.baseUrl ? { FREDDY_BASE_URL: config.baseUrl } : {}),
          ...(config.timeoutMs !== DEFAULT_ATTEMPT_TIMEOUT_MS ? { FREDDY_TIMEOUT_MS: String(config.timeoutMs) } : {}),
        },
      },
    },
  };
}
