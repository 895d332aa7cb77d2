import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  // No Node built-ins: the same build runs in browsers, Deno, Bun and edge runtimes.
  platform: 'neutral',
  // The operation table is a few hundred bytes of data; inline it so the
  // client needs only openapi-fetch at run time. Types still come from @freddy/types.
  noExternal: ['@freddy/types'],
});
