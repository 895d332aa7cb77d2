// Writes generated/names.ts, the named types of each operation's signature
// (see sources.mjs), read from the contract through @freddy/spec's typed model.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeContract, loadSpec } from '@freddy/spec';
import { namesSource } from './sources.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: generate-names.mjs <openapi.json> <out.ts>');

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, namesSource(describeContract(loadSpec(input))));
console.log(`${output}: written`);
