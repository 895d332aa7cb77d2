// The MCP Registry's server.json for this package, made from its package.json,
// the repository named once in the root package.json, and the server's own list
// of environment variables (src/config.ts), so nothing in it is kept by hand
// twice. Written by `pnpm generate` and again before packing (prepack), so its
// version is the one published; `mcp-publisher publish` reads it from here.
import { readFileSync } from 'node:fs';
import { contract } from '../generated/tools.js';
import { ENVIRONMENT } from '../src/config.js';

/** The newest published revision of the registry's schema (its `$id`). */
export const SERVER_SCHEMA_ID = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';

/** What the registry shows in its lists (the registry bounds it; the schema test holds it to the bound). */
const DESCRIPTION = 'The Freddy Threads API as MCP tools: one per operation, every call through @freddy/client.';

interface Manifest {
  name: string;
  version: string;
  mcpName?: string;
  homepage: string;
  bin: Record<string, string>;
  repository: { url: string; directory?: string };
}

export function readManifest(url: URL): Manifest {
  return JSON.parse(readFileSync(url, 'utf8')) as Manifest;
}

/** `owner/name` of a GitHub repository URL (`git+https://github.com/o/n.git`, `https://github.com/o/n`). */
function githubRepository(url: string): { owner: string; name: string } {
  const match = /^(?:git\+)?https:\/\/github\.com\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(url);
  if (!match) throw new Error(`not a GitHub repository URL: ${url}`);
  return { owner: match[1]!, name: match[2]! };
}

/**
 * The registry name: `io.github.<owner>/<bin>`, the namespace a GitHub login
 * of the repository's owner may publish to (spelled as the owner spells it),
 * then the command the package installs.
 */
export function registryName(root: Manifest, manifest: Manifest): string {
  const [bin] = Object.keys(manifest.bin);
  return `io.github.${githubRepository(root.repository.url).owner}/${bin}`;
}

export function serverJson(manifest: Manifest, root: Manifest) {
  const repository = githubRepository(root.repository.url);
  return {
    $schema: SERVER_SCHEMA_ID,
    name: registryName(root, manifest),
    title: contract.title,
    description: DESCRIPTION,
    version: manifest.version,
    websiteUrl: manifest.homepage,
    repository: {
      url: `https://github.com/${repository.owner}/${repository.name}`,
      source: 'github',
      ...(manifest.repository.directory ? { subfolder: manifest.repository.directory } : {}),
    },
    packages: [
      {
        registryType: 'npm',
        identifier: manifest.name,
        version: manifest.version,
        runtimeHint: 'npx',
        transport: { type: 'stdio' },
        environmentVariables: Object.entries(ENVIRONMENT).map(([name, variable]) => ({
          name,
          description: variable.description,
          isRequired: 'required' in variable,
          isSecret: 'secret' in variable,
          format: 'format' in variable ? variable.format : 'string',
          ...('default' in variable ? { default: variable.default } : {}),
        })),
      },
    ],
  };
}
