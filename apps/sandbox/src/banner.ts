/**
 * What the CLI prints once the sandbox is listening: where it is, the demo
 * key, a curl command to paste, and what the settings add (docs, storage,
 * seed, chaos run, operations served from examples, an agent host's MCP
 * entry). Text in, text out.
 */
import type { RunSettings } from './cli-command.js';
import type { McpHostConfig } from './mcp-host-config.js';
import type { SandboxCredential } from './options.js';

export interface DocsFolder {
  path: string;
  built: boolean;
  console: boolean;
  llms: boolean;
}

export interface BannerInput {
  /** The API's base URL, e.g. `http://127.0.0.1:4010/v1`. */
  url: string;
  demo: SandboxCredential;
  settings: Pick<RunSettings, 'storage' | 'seedFile' | 'faultRate'>;
  /** A path under the base URL that a bare GET with the demo key answers (the curl line's). */
  tryPath: string;
  /** The docs folder (resolved): whether it holds a built site (`index.html`), its console and its `llms.txt`. */
  docs?: DocsFolder;
  /** The chaos run's seed, when there is one. */
  faultSeed?: number;
  exampleServed: readonly string[];
  /** The MCP server's bin, and what it answered for this sandbox. */
  mcp?: { bin: string; config: McpHostConfig };
}

export function banner(input: BannerInput): string {
  const { url, demo, settings } = input;
  const origin = url.slice(0, url.length - new URL(url).pathname.length);
  const lines = [
    '',
    `Freddy Threads API sandbox listening on ${url}`,
    '',
    `  Demo API key:  ${demo.apiKey}`,
    `  Organization:  ${demo.organizationId}   User: ${demo.userId}`,
    ...docsLines(input, origin),
    `  Storage:       ${settings.storage ?? 'in memory'}`,
    settings.seedFile ? `  Seed:          ${settings.seedFile}` : undefined,
    input.faultSeed !== undefined
      ? `  Faults:        ${settings.faultRate} of requests (repeat with --fault-seed ${input.faultSeed})`
      : undefined,
    input.exampleServed.length > 0
      ? `  Examples only: ${input.exampleServed.join(', ')} (no handler yet: each answers its documented example, marked X-Sandbox-Example)`
      : undefined,
    '',
    'Try it:',
    `  curl -s -H "Authorization: Bearer ${demo.apiKey}" ${url}${input.tryPath}`,
    '',
    ...mcpLines(input),
  ].filter((line) => line !== undefined);
  return `${lines.join('\n')}\n`;
}

function docsLines({ docs }: BannerInput, origin: string): string[] {
  if (!docs) return [];
  if (!docs.built) return [`  Docs:          not built yet (${docs.path}); ${origin}/docs/ once it is`];
  return [
    `  Docs:          ${origin}/docs/`,
    ...(docs.console ? [`  Console:       ${origin}/docs/console/   (try every operation in the browser)`] : []),
    ...(docs.llms ? [`  For agents:    ${origin}/docs/llms.txt`] : []),
  ];
}

function mcpLines({ mcp }: BannerInput): string[] {
  if (!mcp) return [];
  const { bin, config } = mcp;
  if (config.ok) {
    return ['An agent host reaches it through MCP with this (its mcpServers setting):', indent(config.json), ''];
  }
  return [`MCP: no host configuration from ${bin} (${config.reason}); \`pnpm build\` builds it`, ''];
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}
