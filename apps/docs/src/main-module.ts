import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether the module of this `import.meta` is the script the process was
 * started with. Node says so in `import.meta.main`; tsx, which runs the docs'
 * TypeScript, leaves it unset, so there the module's file and `argv[1]` are
 * compared by their real paths. Comparing `import.meta.url` with
 * `file://${argv[1]}` instead fails in a folder whose path has a space (the
 * URL has `%20`) or is reached through a symlink, and the build then exits 0
 * having written nothing.
 */
export function isMainModule(meta: ImportMeta): boolean {
  if (typeof meta.main === 'boolean') return meta.main;
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(meta.url));
  } catch {
    return false;
  }
}
