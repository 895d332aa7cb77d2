/**
 * The client's sources as `pnpm generate` would make them for another
 * contract, laid out in `dir`: `src/` (copied), `generated/` (the resource
 * methods), `types/` (@freddy/types for that contract: openapi-typescript's
 * types, the operation tables, the named types), with every import of
 * `@freddy/types` pointed at `types/`. Nothing is built: a test type-checks
 * it, the size bench bundles it.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeContract, type OpenApiDocument } from '@freddy/spec';
import { namesSource, openapiSource, operationsSource } from '../../../types/scripts/sources.mjs';
import { resourceSource, signatureTypesSource } from '../../scripts/resource-source.mjs';

const client = join(dirname(fileURLToPath(import.meta.url)), '../..');
const types = join(client, '../types');

export async function clientFromContract(doc: OpenApiDocument, dir: string): Promise<void> {
  const contract = describeContract(doc);
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text.replaceAll("'@freddy/types'", "'../types/index.js'"));
  };
  write('types/openapi.ts', await openapiSource(doc));
  write('types/operations.ts', operationsSource(contract));
  write('types/names.ts', namesSource(contract));
  write('types/index.ts', readFileSync(join(types, 'src/index.ts'), 'utf8').replaceAll('../generated/', './'));
  write('generated/resources.ts', resourceSource(contract));
  write('generated/signature-types.ts', signatureTypesSource(contract));
  cpSync(join(client, 'src'), join(dir, 'src'), { recursive: true });
  for (const file of readdirSync(join(dir, 'src'))) write(`src/${file}`, readFileSync(join(dir, 'src', file), 'utf8'));
}
