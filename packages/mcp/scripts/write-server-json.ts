// Writes server.json (see server-json.ts). Run by `pnpm generate` and by prepack.
import { writeFileSync } from 'node:fs';
import { readManifest, serverJson } from './server-json.js';

const manifest = readManifest(new URL('../package.json', import.meta.url));
const root = readManifest(new URL('../../../package.json', import.meta.url));
const output = new URL('../server.json', import.meta.url);
writeFileSync(output, `${JSON.stringify(serverJson(manifest, root), null, 2)}\n`);
console.log(`server.json: ${manifest.name}@${manifest.version}`);
