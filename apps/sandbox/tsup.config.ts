import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  outDir: 'lib',
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node24',
  // Keep `node:` in imports: `node:sqlite` exists only under that name.
  removeNodeProtocol: false,
  // The workspace packages are built in, with the bundled contract (src/contract-document.ts):
  // the published package depends only on what the npm registry has.
  noExternal: ['@freddy/spec', '@freddy/types'],
});
