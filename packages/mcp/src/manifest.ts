/**
 * The installed package's name and version, read when it starts, not built
 * in: a release sets the version after the build (the build says 0.0.0), and
 * `serverInfo`, `--version` and the start-up line must say what is installed.
 * From `src/` and from `dist/` alike, the manifest is one directory up.
 */
import { readFileSync } from 'node:fs';

export const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};
