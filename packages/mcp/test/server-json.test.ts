/**
 * `server.json`, what the MCP Registry lists this server by: valid against the
 * registry's published schema, named as `package.json`'s `mcpName` (the
 * registry's proof that the npm package is ours), at the package's version,
 * and declaring every environment variable the server reads.
 *
 * The registry's schema is read from a copy beside the tests
 * (`test/fixtures/server.schema.json`) or, else, from the steering
 * repository's `shared/mcp-registry/` checked out beside this one; without
 * either, the schema's two tests are skipped, saying why.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchema } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { readManifest, registryName, SERVER_SCHEMA_ID, serverJson } from '../scripts/server-json.js';
import { ENVIRONMENT } from '../src/config.js';

const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;
const manifest = readManifest(new URL('../package.json', import.meta.url));
const root = readManifest(new URL('../../../package.json', import.meta.url));
const written = JSON.parse(readFileSync(new URL('../server.json', import.meta.url), 'utf8'));

const schemaPath = [
  new URL('fixtures/server.schema.json', import.meta.url),
  new URL('../../../../shared/mcp-registry/server.schema.json', import.meta.url),
]
  .map((url) => fileURLToPath(url))
  .find((path) => existsSync(path));

/** Every `FREDDY_…` variable read off an environment object in `source` (`env.X`, `env?.X`, `env['X']`). */
function variablesRead(source: string): string[] {
  return [...source.matchAll(/\benv(?:\??\.|(?:\?\.)?\[['"])(FREDDY_[A-Z0-9_]+)/g)].map((match) => match[1]!);
}

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(?:ts|js)$/.test(file))
    .map((file) => readFileSync(`${dir}/${file}`, 'utf8'));
}

describe('server.json', () => {
  test('is what scripts/server-json.ts makes of package.json now (pnpm generate wrote it; prepack writes it again)', () => {
    expect(written).toEqual(serverJson(manifest, root));
  });

  test("package.json's mcpName is the registry name: io.github.<the root package.json's repository owner>/<the bin>", () => {
    expect(manifest.mcpName).toBe(registryName(root, manifest));
    expect(root.repository.url).toContain(`/${manifest.mcpName!.split('/')[0]!.replace('io.github.', '')}/`);
    expect(written.name).toBe(manifest.mcpName);
  });

  test("names this package at package.json's version, run over stdio", () => {
    expect(written.version).toBe(manifest.version);
    expect(written.packages).toEqual([
      expect.objectContaining({
        registryType: 'npm',
        identifier: manifest.name,
        version: manifest.version,
        transport: { type: 'stdio' },
      }),
    ]);
  });

  test('declares every environment variable the server and its client read, the key as a required secret', () => {
    const client = fileURLToPath(new URL('.', import.meta.resolve('@freddy/client')));
    const read = new Set([
      ...sourcesOf(fileURLToPath(new URL('../src', import.meta.url))).flatMap(variablesRead),
      ...sourcesOf(client).flatMap(variablesRead),
    ]);
    const declared = written.packages[0].environmentVariables as {
      name: string;
      isRequired: boolean;
      isSecret: boolean;
    }[];
    expect(declared.map((variable) => variable.name).sort()).toEqual([...read].sort());
    expect(Object.keys(ENVIRONMENT).sort()).toEqual([...read].sort());
    expect(declared.filter((variable) => variable.isSecret)).toEqual([
      expect.objectContaining({ name: 'FREDDY_API_KEY', isRequired: true }),
    ]);
  });

  test('the check of read variables finds each way of reading one (a new variable would not pass unseen)', () => {
    expect(variablesRead("const a = env.FREDDY_NEW; b = process.env?.FREDDY_OTHER; c = env['FREDDY_THIRD'];")).toEqual([
      'FREDDY_NEW',
      'FREDDY_OTHER',
      'FREDDY_THIRD',
    ]);
  });
});

const registrySchema = schemaPath
  ? (JSON.parse(readFileSync(schemaPath, 'utf8')) as { $id: string; $schema: string })
  : undefined;

/** The registry's schema compiled as it declares itself (draft-07 or 2020-12). */
function registryValidator(schema: { $schema: string }) {
  // The registry's schema carries OpenAPI's `example` and `discriminator`, which ajv does not know: not strict.
  const options = { strict: false, allErrors: true };
  const ajv = schema.$schema.includes('2020-12') ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  return { ajv, validate: ajv.compile(schema as AnySchema) };
}

describe.skipIf(!registrySchema)(
  `server.json against the registry's schema (${schemaPath ?? 'no copy of it here: skipped'})`,
  () => {
    test("is valid, and names the schema's revision as its $schema", () => {
      const { ajv, validate } = registryValidator(registrySchema!);
      expect(registrySchema!.$id).toBe(SERVER_SCHEMA_ID);
      expect(written.$schema).toBe(registrySchema!.$id);
      expect(validate(written), ajv.errorsText(validate.errors)).toBe(true);
    });

    test('an invalid server.json is refused: a description over the bound, a name without a namespace, version "latest"', () => {
      const { validate } = registryValidator(registrySchema!);
      const invalid = structuredClone(written);
      invalid.description = `${written.description} ${'and much more '.repeat(10)}`;
      invalid.name = 'freddy-mcp';
      invalid.packages[0].version = 'latest';
      expect(validate(invalid)).toBe(false);
      const paths = (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword}`);
      expect(paths).toEqual(
        expect.arrayContaining(['/description maxLength', '/name pattern', '/packages/0/version not']),
      );
    });
  },
);
