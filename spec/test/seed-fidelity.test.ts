import { describe, expect, it } from 'vitest';
import { type JsonObject, listOperations, loadSpec, resolveRef } from '../src/index.js';
import { readSeedPages } from './seeds.js';

const doc = loadSpec();
const operations = listOperations(doc);
const pages = readSeedPages();

// What each seed page is, in the contract's words.
const seedOperations: Record<string, { operationId: string; host: string; scheme: string }> = {
  'Pin thread': { operationId: 'pinThread', host: 'https://api.aitronos.com/v1', scheme: 'ApiKeyAuth' },
  'Update thread': { operationId: 'updateThread', host: 'https://api.freddy.aitronos.com/v1', scheme: 'BearerAuth' },
};

function examplesOf(node: JsonObject | undefined): unknown[] {
  const media = (node?.content as Record<string, JsonObject> | undefined)?.['application/json'];
  const examples = (media?.examples ?? {}) as Record<string, unknown>;
  return Object.values(examples).map((example) => resolveRef<JsonObject>(doc, example).value);
}

describe('the seed pages', () => {
  it('are both present and parsed', () => {
    expect(pages.map((page) => page.title).sort()).toEqual(Object.keys(seedOperations).sort());
  });

  for (const page of pages) {
    const seed = seedOperations[page.title];
    describe(page.title, () => {
      const entry = operations.find((op) => op.operationId === seed?.operationId);

      it('has its path, method and host in the spec', () => {
        expect(entry).toBeDefined();
        const urls = [...page.text.matchAll(/curl -X (\w+) "([^"]+)"/g)];
        expect(urls.length).toBeGreaterThan(0);
        for (const [, method, url] of urls) {
          expect(method?.toLowerCase()).toBe(entry?.method);
          const servers = ((entry?.pathItem.servers ?? []) as { url: string }[]).map((server) => server.url);
          expect(servers).toContain(seed?.host);
          const path = url?.slice(seed?.host.length ?? 0);
          const pattern = new RegExp(`^${entry?.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
          expect(path).toMatch(pattern);
        }
      });

      it('is secured by the header the page sends', () => {
        const header = page.text.includes('X-API-Key:') ? 'X-API-Key' : 'Authorization';
        const security = entry?.operation.security as Record<string, string[]>[];
        expect(security[0]).toHaveProperty(seed?.scheme ?? '');
        const scheme = doc.components.securitySchemes?.[seed?.scheme ?? ''] as JsonObject;
        if (header === 'X-API-Key') expect(scheme).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
        else expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
      });

      it('describes each path parameter as the page does', () => {
        const params = [...page.text.matchAll(/\*\*`(\w+)`\*\* string required (.+?\.)/g)];
        expect(params.length).toBeGreaterThan(0);
        const declared = [
          ...((entry?.pathItem.parameters ?? []) as unknown[]),
          ...((entry?.operation.parameters ?? []) as unknown[]),
        ].map((p) => resolveRef<JsonObject>(doc, p));
        for (const [, name, sentence] of params) {
          const parameter = declared.find((p) => p.name === name && p.in === 'path');
          expect(parameter?.required).toBe(true);
          expect(String(parameter?.description)).toContain(sentence);
        }
      });

      it('shows every response body verbatim as a named example under its status', () => {
        expect(page.responses.length).toBeGreaterThan(0);
        const responses = entry?.operation.responses as Record<string, unknown>;
        for (const { status, body } of page.responses) {
          const response = resolveRef<JsonObject>(doc, responses[status]);
          expect(examplesOf(response), `${page.title} ${status}`).toContainEqual(body);
        }
      });

      it('shows every request body verbatim as a named example', () => {
        const requestBody = resolveRef<JsonObject>(doc, entry?.operation.requestBody ?? {});
        for (const body of page.requests) expect(examplesOf(requestBody)).toContainEqual(body);
      });
    });
  }

  it('states the limits the Update page states', () => {
    const update = pages.find((page) => page.title === 'Update thread');
    expect(update?.text).toContain('Maximum 16 key-value pairs');
    expect(update?.text).toContain('Maximum 200 characters');
    const body = resolveRef<JsonObject>(doc, doc.components.schemas?.UpdateThreadRequest);
    const props = body.properties as Record<string, JsonObject>;
    expect(resolveRef<JsonObject>(doc, props.metadata).maxProperties).toBe(16);
    expect(resolveRef<JsonObject>(doc, props.title).maxLength).toBe(200);
    expect(Object.keys(props).sort()).toEqual(['metadata', 'title', 'visibleInUi']);
  });
});
