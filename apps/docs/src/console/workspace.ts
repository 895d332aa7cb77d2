/**
 * The console's workspace, made at build time: Scalar's workspace store
 * reads the console's document here, in Node (upgrading, bundling and
 * coercing it, and building its navigation: about 0.2 s of the page's start
 * in the browser), and the page loads the result (`loadWorkspace`, which
 * only rewraps it) instead of reading `openapi.json` itself.
 *
 * The store reads a document asynchronously and the site's build is
 * synchronous, so the build runs this file in a child Node (type stripping:
 * it imports nothing but Node's modules, the store and `names.ts`), the
 * document on its stdin, the workspace on its stdout.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createWorkspaceStore } from '@scalar/workspace-store/client';
// `.ts`: Node's type stripping, which runs this file as the child, maps no `.js` import to its source.
import { WORKSPACE_DOCUMENT } from './names.ts';

const thisFile = fileURLToPath(import.meta.url);

/** The store's export of a workspace holding the console's document alone, as JSON. */
export function consoleWorkspace(doc: object): string {
  return execFileSync(process.execPath, [thisFile], {
    input: JSON.stringify(doc),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

async function exportWorkspace(doc: Record<string, unknown>): Promise<string> {
  const store = createWorkspaceStore({});
  if (!(await store.addDocument({ name: WORKSPACE_DOCUMENT, document: doc })))
    throw new Error("Expected Scalar's workspace store to read the console's document");
  return JSON.stringify(store.exportWorkspace());
}

// Node's own answer (the child runs this file directly); under tsx, in the build, it is unset.
if (import.meta.main) {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  process.stdout.write(await exportWorkspace(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
}
