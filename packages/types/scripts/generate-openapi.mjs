// Writes generated/openapi.ts, openapi-typescript's types of the contract
// with optional properties that accept `undefined` (see sources.mjs).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openapiSource } from './sources.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: generate-openapi.mjs <openapi.json> <out.ts>');

// A fresh clone has no generated/ folder (openapi-typescript's CLI used to make it).
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, await openapiSource(JSON.parse(readFileSync(input, 'utf8'))));
console.log(`${output}: written`);
