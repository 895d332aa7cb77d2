/**
 * The names the quickstart tells a reader to install and run, as the
 * packages' own package.json files publish them, so the text cannot drift
 * from them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The typed client. */
export function clientPackageName(): string {
  return (require('@freddy/client/package.json') as { name: string }).name;
}

/** The reference server, which `npx` runs without a checkout of the repository. */
export function sandboxPackageName(): string {
  return (require('@freddy/sandbox/package.json') as { name: string }).name;
}
