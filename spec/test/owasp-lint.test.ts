/**
 * Proves the OWASP gate is live: Spectral's OWASP API Security Top 10 ruleset,
 * with this repository's `.spectral.yaml` (its severities and its overrides),
 * passes the real bundle with nothing to report, and each mutation below, one
 * mistake at a time, makes the named rule fail where the mistake is and
 * nowhere else.
 *
 * It runs in-process, as `lint-rules.test.ts` does for Redocly: the ruleset
 * is loaded the way the Spectral CLI loads it (`bundleAndLoadRuleset`), and
 * each document is linted with `@stoplight/spectral-core` under the bundle's
 * own path, so the overrides' `dist/openapi.json#/…` pointers apply as in
 * `pnpm lint`.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '@redocly/openapi-core';
import { Document, type ISpectralDiagnostic, type Ruleset, Spectral } from '@stoplight/spectral-core';
import { Json as JsonParser } from '@stoplight/spectral-parsers';
import { builtins } from '@stoplight/spectral-ruleset-bundler/plugins/builtins';
import { commonjs } from '@stoplight/spectral-ruleset-bundler/plugins/commonjs';
import { bundleAndLoadRuleset } from '@stoplight/spectral-ruleset-bundler/with-loader';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, type Json } from './bundle-mutation.js';

const specDir = fileURLToPath(new URL('..', import.meta.url));
const bundlePath = `${specDir}dist/openapi.json`;
const rulesetPath = `${specDir}.spectral.yaml`;
const bundle = fs.readFileSync(bundlePath, 'utf8');

const severities = ['error', 'warning', 'info', 'hint'] as const;

interface Case {
  /** Every rule that must fire, each at the path given (Spectral's path of keys, joined with `.`). */
  fires: Record<string, string>;
  mutate: (doc: Json) => void;
}

/** A new string property on Thread, as someone might add it. */
function addThreadProperty(doc: Json, schema: Json): void {
  at(doc, 'components', 'schemas', 'Thread', 'properties').nickname = {
    description: 'A new field.',
    examples: ['Ada'],
    ...schema,
  };
}

const cases: Record<string, Case> = {
  'a new string with no bound and no format, pattern, enum or const': {
    fires: {
      'owasp:api4:2023-string-limit': 'components.schemas.Thread.properties.nickname',
      'owasp:api4:2023-string-restricted': 'components.schemas.Thread.properties.nickname',
    },
    mutate: (doc) => addThreadProperty(doc, { type: 'string' }),
  },
  'a new string with maxLength but nothing that restricts its characters': {
    fires: { 'owasp:api4:2023-string-restricted': 'components.schemas.Thread.properties.nickname' },
    mutate: (doc) => addThreadProperty(doc, { type: 'string', maxLength: 64 }),
  },
  'an error code that loses its pattern': {
    fires: {
      'owasp:api4:2023-string-restricted': 'components.schemas.ErrorResponse.properties.error.properties.code',
    },
    mutate: (doc) => {
      delete at(doc, 'components', 'schemas', 'ErrorResponse', 'properties', 'error', 'properties', 'code').pattern;
    },
  },
  'a response without Access-Control-Allow-Origin': {
    fires: { 'owasp:api8:2023-define-cors-origin': 'components.responses.NotFound.headers' },
    mutate: (doc) => {
      delete at(doc, 'components', 'responses', 'NotFound', 'headers')['Access-Control-Allow-Origin'];
    },
  },
  'a production server over plain http': {
    fires: { 'owasp:api8:2023-no-server-http': 'servers.0.url' },
    mutate: (doc) => {
      at(doc, 'servers', '0').url = 'http://api.freddy.aitronos.com/v1';
    },
  },
  'a server without its audience': {
    fires: { 'owasp:api9:2023-inventory-access': 'servers.1' },
    mutate: (doc) => {
      delete at(doc, 'servers', '1')['x-internal'];
    },
  },
  'a server whose description does not name its environment': {
    fires: { 'owasp:api9:2023-inventory-environment': 'servers.0.description' },
    mutate: (doc) => {
      at(doc, 'servers', '0').description = 'Freddy API';
    },
  },
};

let ruleset: Ruleset;

beforeAll(async () => {
  // The plugins the Spectral CLI adds: the ruleset packages are CommonJS.
  ruleset = await bundleAndLoadRuleset(rulesetPath, { fs, fetch }, [builtins(), commonjs()]);
});

/** Lints a document in-process under the bundle's path; every diagnostic, whatever its severity. */
async function lint(doc: Json, source = bundlePath): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  return spectral.run(new Document(JSON.stringify(doc, null, 2), JsonParser, source));
}

/** A Spectral path as the JSON pointer `.spectral.yaml` names places with. */
function pointer(path: readonly (string | number)[]): string {
  return `#/${path.map((key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

function describeDiagnostics(diagnostics: ISpectralDiagnostic[]): string {
  return diagnostics
    .map((d) => `${d.code} (${severities[d.severity]}) at ${d.path.join('.')}: ${d.message}`)
    .join('\n');
}

describe('spectral lint with the OWASP ruleset and .spectral.yaml', () => {
  it('passes the real bundle with no errors and no warnings', async () => {
    const diagnostics = await lint(JSON.parse(bundle) as Json);
    expect(diagnostics, describeDiagnostics(diagnostics)).toEqual([]);
  });

  it('turns each rule off only where .spectral.yaml lists it, each entry silencing one finding', async () => {
    // The same bundle under another name: no override's `dist/openapi.json#/…` applies.
    const diagnostics = await lint(JSON.parse(bundle) as Json, `${specDir}dist/elsewhere.json`);
    const found = diagnostics.map((d) => `${d.code} ${pointer(d.path)}`).sort();
    const { overrides } = parseYaml(fs.readFileSync(rulesetPath, 'utf8')) as {
      overrides: { files: string[]; rules: Record<string, string> }[];
    };
    const listed = overrides
      .flatMap(({ files, rules }) =>
        Object.keys(rules).flatMap((rule) => files.map((file) => `${rule} ${file.slice(file.indexOf('#'))}`)),
      )
      .sort();
    expect(found).toEqual(listed);
    expect(new Set(listed).size, 'no place listed twice').toBe(listed.length);
  });

  it.each(Object.entries(cases))('fails %s', async (_name, { fires, mutate }) => {
    const doc = JSON.parse(bundle) as Json;
    mutate(doc);
    const diagnostics = await lint(doc);
    expect(
      diagnostics.every((d) => d.severity === 0),
      `every finding is an error:\n${describeDiagnostics(diagnostics)}`,
    ).toBe(true);
    const found = Object.fromEntries(diagnostics.map((d) => [String(d.code), d.path.join('.')]));
    expect(found, describeDiagnostics(diagnostics)).toEqual(fires);
  });
});
