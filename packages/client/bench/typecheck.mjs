// Type-checking cost for a consumer: `tsc --noEmit --extendedDiagnostics` on
// a file that calls all eight methods, against the built `.d.ts` (as a
// consumer resolves it), next to the same calls with bare openapi-fetch.
// Reports check time (best of 3 runs) and the instantiation count.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
const RUNS = 3;

function diagnostics(file) {
  const config = join(here, 'typecheck', `tsconfig.${file}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2023', 'dom', 'dom.iterable'],
        types: [],
        skipLibCheck: true,
      },
      files: [`${file}.ts`],
    }),
  );
  const runs = Array.from({ length: RUNS }, () => {
    const out = execFileSync(process.execPath, [tsc, '-p', config, '--extendedDiagnostics'], { encoding: 'utf8' });
    const field = (name) => out.match(new RegExp(`^${name}:\\s+([\\d.]+)`, 'm'))?.[1];
    return {
      check: Number(field('Check time')),
      instantiations: Number(field('Instantiations')),
      types: Number(field('Types')),
    };
  });
  return {
    file: `bench/typecheck/${file}.ts`,
    'check time (s, best of 3)': Math.min(...runs.map((r) => r.check)).toFixed(2),
    instantiations: runs[0].instantiations,
    types: runs[0].types,
  };
}

console.log(`typescript ${createRequire(import.meta.url)('typescript/package.json').version}, node ${process.version}`);
console.table([diagnostics('all-methods'), diagnostics('bare-openapi-fetch')]);
