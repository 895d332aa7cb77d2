import { createRequire } from 'node:module';

/** The client's name as its own package.json publishes it, so the install line cannot drift from it. */
export function clientPackageName(): string {
  const manifest = createRequire(import.meta.url)('@freddy/client/package.json') as { name: string };
  return manifest.name;
}
