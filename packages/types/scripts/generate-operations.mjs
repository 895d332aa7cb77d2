// Writes generated/operations.ts, the operation tables (see sources.mjs), read
// from the contract through @freddy/spec's typed model.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeContract, loadSpec } from '@freddy/spec';
import { operationsSource } from './sources.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: generate-operations.mjs <openapi.json> <out.ts>');

const contract = describeContract(loadSpec(input));
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, operationsSource(contract));
console.log(`${output}: ${contract.operations.length} operations`);
