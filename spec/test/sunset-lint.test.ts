/**
 * The `x-sunset` lint rules at the end of `redocly.yaml`: the bundle lints
 * clean of them, and each mutation trips its rule.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Config, lintFromString, loadConfig } from '@redocly/openapi-core';
import { beforeAll, describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: test mutations poke at arbitrary JSON.
type Json = Record<string, any>;

const specDir = fileURLToPath(new URL('..', import.meta.url));
let config: Config;
let bundle: string;

async function sunsetRules(mutate: (doc: Json) => void): Promise<string[]> {
  const doc = JSON.parse(bundle) as Json;
  mutate(doc);
  const problems = await lintFromString({
    source: JSON.stringify(doc, null, 2),
    absoluteRef: `${specDir}dist/openapi.json`,
    config,
  });
  return problems.map((problem) => problem.ruleId).filter((rule) => rule.includes('sunset'));
}

beforeAll(async () => {
  config = await loadConfig({ configPath: `${specDir}redocly.yaml` });
  bundle = readFileSync(`${specDir}dist/openapi.json`, 'utf8');
});

describe('x-sunset', () => {
  it('the contract lints clean of the sunset rules', async () => {
    expect(await sunsetRules(() => {})).toEqual([]);
  });

  it('a deprecated property with an ISO sunset date is fine', async () => {
    const rules = await sunsetRules((doc) => {
      Object.assign(doc.components.schemas.Thread.properties.messageCount, {
        deprecated: true,
        'x-sunset': '2027-01-31',
      });
    });
    expect(rules).toEqual([]);
  });

  it('a sunset that is not an ISO date', async () => {
    const rules = await sunsetRules((doc) => {
      Object.assign(doc.components.schemas.Thread.properties.messageCount, {
        deprecated: true,
        'x-sunset': '31/01/2027',
      });
    });
    expect(rules).toEqual(['rule/sunset-iso-date-schema']);
  });

  it('an operation sunset that is not an ISO date', async () => {
    const rules = await sunsetRules((doc) => {
      Object.assign(doc.paths['/threads/{thread_id}'].delete, { deprecated: true, 'x-sunset': 'next year' });
    });
    expect(rules).toEqual(['rule/sunset-iso-date-operation']);
  });

  it('a sunset on a property that is not deprecated', async () => {
    const rules = await sunsetRules((doc) => {
      doc.components.schemas.Thread.properties.messageCount['x-sunset'] = '2027-01-31';
    });
    expect(rules).toEqual(['rule/sunset-beside-deprecated-schema']);
  });
});
