// Writes generated/resources.ts, the client's resource methods, and
// generated/signature-types.ts, the names of the types they use, from the
// bundled contract read through @freddy/spec's typed model. Run by
// `pnpm generate` (turbo runs it before `build` and `typecheck`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeContract, loadSpec } from '@freddy/spec';
import { resourceSource, signatureTypesSource } from './resource-source.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: generate-resources.mjs <openapi.json> <out.ts>');

const contract = describeContract(loadSpec(input));
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, resourceSource(contract));
writeFileSync(join(dirname(output), 'signature-types.ts'), signatureTypesSource(contract));
console.log(`${output}: ${contract.operations.length} methods`);
