import { describe, expect, it } from 'vitest';
import { describeContract, type NamedExample } from '../src/index.js';
import { readSeedPages } from './seeds.js';

const contract = describeContract();
const pages = readSeedPages();

// What each seed page is, in the contract's words.
const seedOperations: Record<string, { operationId: string; host: string; scheme: string }> = {
  'Pin thread': { operationId: 'pinThread', host: 'https://api.aitronos.com/v1', scheme: 'ApiKeyAuth' },
  'Update thread': { operationId: 'updateThread', host: 'https://api.freddy.aitronos.com/v1', scheme: 'BearerAuth' },
};

const valuesOf = (examples: NamedExample[] | undefined) => (examples ?? []).map((example) => example.value);

describe('the seed pages', () => {
  it('are both present and parsed', () => {
    expect(pages.map((page) => page.title).sort()).toEqual(Object.keys(seedOperations).sort());
  });

  for (const page of pages) {
    const seed = seedOperations[page.title];
    describe(page.title, () => {
      const entry = contract.operations.find((op) => op.id === seed?.operationId);

      it('has its path, method and host in the spec', () => {
        expect(entry).toBeDefined();
        const urls = [...page.text.matchAll(/curl -X (\w+) "([^"]+)"/g)];
        expect(urls.length).toBeGreaterThan(0);
        for (const [, method, url] of urls) {
          expect(method).toBe(entry?.method);
          expect(entry?.server.url).toBe(seed?.host);
          const path = url?.slice(seed?.host.length ?? 0) ?? '';
          expect(entry?.template.match(path), `${path} is an instance of ${entry?.path}`).not.toBeNull();
        }
      });

      it('is secured by the header the page sends', () => {
        const header = page.text.includes('X-API-Key:') ? 'X-API-Key' : 'Authorization';
        const first = entry?.security[0];
        expect(first?.name).toBe(seed?.scheme);
        expect(first?.header).toBe(header);
        expect(first?.kind).toBe(header === 'X-API-Key' ? 'apiKey' : 'bearer');
      });

      it('describes each path parameter as the page does', () => {
        const params = [...page.text.matchAll(/\*\*`(\w+)`\*\* string required (.+?\.)/g)];
        expect(params.length).toBeGreaterThan(0);
        for (const [, name, sentence] of params) {
          const parameter = entry?.parameters.path.find((p) => p.name === name);
          expect(parameter?.required).toBe(true);
          expect(parameter?.description).toContain(sentence);
        }
      });

      it('shows every response body verbatim as a named example under its status', () => {
        expect(page.responses.length).toBeGreaterThan(0);
        for (const { status, body } of page.responses) {
          const response = entry?.responses.find((candidate) => candidate.status === Number(status));
          expect(valuesOf(response?.examples), `${page.title} ${status}`).toContainEqual(body);
        }
      });

      it('shows every request body verbatim as a named example', () => {
        for (const body of page.requests) expect(valuesOf(entry?.requestBody?.examples)).toContainEqual(body);
      });
    });
  }

  it('states the limits the Update page states', () => {
    const update = pages.find((page) => page.title === 'Update thread');
    expect(update?.text).toContain('Maximum 16 key-value pairs');
    expect(update?.text).toContain('Maximum 200 characters');
    const operation = contract.operation('updateThread');
    expect(operation.limits).toContainEqual(
      expect.objectContaining({ where: 'body.metadata', keyword: 'maxProperties', value: 16 }),
    );
    expect(operation.limits).toContainEqual(
      expect.objectContaining({ where: 'body.title', keyword: 'maxLength', value: 200 }),
    );
    expect(Object.keys(operation.requestBody?.schema.properties ?? {}).sort()).toEqual([
      'metadata',
      'title',
      'visibleInUi',
    ]);
  });
});
