// Type-checking cost for a consumer: `tsc --noEmit --extendedDiagnostics` on
// a file that calls all eight methods, against the built `.d.ts` (as a
// consumer resolves it), next to the same calls with bare openapi-fetch.
// Reports check time (best of 3 runs) and the instantiation count.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { typecheck } from '@freddy/testing';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = 3;

async function diagnostics(file) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { ok, output } = await typecheck({
      dir: join(here, 'typecheck'),
      name: file,
      files: [`${file}.ts`],
      compilerOptions: {
        strict: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2023', 'dom', 'dom.iterable'],
        types: [],
        skipLibCheck: true,
      },
      args: ['--extendedDiagnostics'],
    });
    if (!ok) throw new Error(`bench/typecheck/${file}.ts does not check:\n${output}`);
    const field = (name) => output.match(new RegExp(`^${name}:\\s+([\\d.]+)`, 'm'))?.[1];
    runs.push({
      check: Number(field('Check time')),
      instantiations: Number(field('Instantiations')),
      types: Number(field('Types')),
    });
  }
  return {
    file: `bench/typecheck/${file}.ts`,
    'check time (s, best of 3)': Math.min(...runs.map((r) => r.check)).toFixed(2),
    instantiations: runs[0].instantiations,
    types: runs[0].types,
  };
}

console.log(
  `typescript ${createRequire(import.meta.url)('typescript-7/package.json').version}, node ${process.version}`,
);
console.table([await diagnostics('all-methods'), await diagnostics('bare-openapi-fetch')]);
