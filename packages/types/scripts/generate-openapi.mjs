// Writes generated/openapi.ts, openapi-typescript's types of the contract
// with optional properties that accept `undefined` (see sources.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { openapiSource } from './sources.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: generate-openapi.mjs <openapi.json> <out.ts>');

writeFileSync(output, await openapiSource(JSON.parse(readFileSync(input, 'utf8'))));
console.log(`${output}: written`);
