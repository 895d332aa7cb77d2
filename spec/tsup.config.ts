import { defineConfig } from 'tsup';

export default defineConfig({
  // The guides apart: they read YAML, which a server that bundles the contract (the sandbox) has no use for.
  entry: ['src/index.ts', 'src/guides.ts'],
  outDir: 'lib',
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node24',
});
