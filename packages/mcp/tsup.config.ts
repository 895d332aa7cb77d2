import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  target: 'node24',
  platform: 'node',
  // Registry packages stay dependencies; the generated tools are built in. The manifest is read at run time.
});
