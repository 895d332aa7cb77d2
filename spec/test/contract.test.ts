/**
 * The typed contract model reads the bundle correctly, and refuses a document
 * it could only misread.
 */
import { describe, expect, it } from 'vitest';
import { describeContract, loadSpec, type OpenApiDocument, parsePathTemplate } from '../src/index.js';

const doc = loadSpec();
const contract = describeContract(doc);

// biome-ignore lint/suspicious/noExplicitAny: a mutation reaches into the document untyped, to break it.
type Untyped = Record<string, any>;

/** A copy of the bundle with one change. */
function mutated(change: (copy: Untyped) => void): OpenApiDocument {
  const copy = structuredClone(doc);
  change(copy as Untyped);
  return copy;
}

describe('describeContract', () => {
  it('is built once per document', () => {
    expect(describeContract(doc)).toBe(contract);
    expect(describeContract()).toBe(describeContract());
  });

  it('lists every operation of the document once, by path, then method in the Path Item order, with its tag', () => {
    // The fixed fields of an OpenAPI Path Item, in the order the specification lists them.
    const pathItemOrder = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
    const stated = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      pathItemOrder.flatMap((method) => {
        const operation = (item as Untyped)[method];
        return operation ? [`${method.toUpperCase()} ${path} ${operation.operationId} ${operation.tags?.[0]}`] : [];
      }),
    );
    expect(stated.length).toBeGreaterThan(0);
    expect(contract.operations.map((op) => `${op.method} ${op.path} ${op.id} ${op.tag}`)).toEqual(stated);
    expect(contract.operation('deleteThread').description).toMatch(/^Permanently delete a thread/);
  });

  it('gives each operation its production host and the reference server', () => {
    expect(contract.operation('pinThread').server.url).toBe('https://api.aitronos.com/v1');
    expect(contract.operation('updateThread').server.url).toBe('https://api.freddy.aitronos.com/v1');
    expect(contract.referenceServer).toMatchObject({ environment: 'reference', basePath: '/v1' });
    for (const op of contract.operations) {
      expect(op.servers.map((server) => server.environment)).toContain('reference');
    }
  });

  it('maps security schemes to the header each reads, alternatives in order', () => {
    expect(contract.operation('pinThread').security).toEqual([
      { name: 'ApiKeyAuth', kind: 'apiKey', header: 'X-API-Key' },
      { name: 'BearerAuth', kind: 'bearer', header: 'Authorization' },
    ]);
    expect(contract.operation('listThreads').security.map((scheme) => scheme.name)).toEqual(['BearerAuth']);
  });

  it('names the error envelope of each operation', () => {
    expect(contract.operation('pinThread').errorSchema).toBe('PlatformErrorResponse');
    expect(contract.operation('createThread').errorSchema).toBe('ErrorResponse');
  });

  it('resolves parameters, their defaults and examples', () => {
    const list = contract.operation('listThreads');
    const limit = list.parameters.query.find((parameter) => parameter.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer' } });
    expect(limit?.default).toBe(limit?.schema.default);
    expect(contract.operation('pinThread').parameters.path.map((parameter) => parameter.name)).toEqual(['thread_id']);
  });

  it('lets an operation parameter override the path item parameter of the same name and location', () => {
    const copy = mutated((d) => {
      d.paths['/threads/{thread_id}/pin'].post.parameters = [
        { name: 'thread_id', in: 'path', required: true, description: 'Overridden here.', schema: { type: 'string' } },
      ];
    });
    const pin = describeContract(copy).operation('pinThread');
    expect(pin.parameters.path).toHaveLength(1);
    expect(pin.parameters.path[0]?.description).toBe('Overridden here.');
  });

  it('resolves request bodies with their named examples and defaults', () => {
    const create = contract.operation('createThread');
    expect(create.requestBody?.schema.type).toBe('object');
    expect(create.requestBody?.examples.length).toBeGreaterThan(0);
    expect(create.requestBody?.defaults).toHaveProperty('visibleInUi', true);
    expect(contract.operation('pinThread').requestBody).toBeUndefined();
  });

  it('resolves responses by status with headers, schema and named examples', () => {
    const pin = contract.operation('pinThread');
    const ok = pin.responses.find((response) => response.status === 200);
    expect(ok?.headers.map((header) => header.name)).toContain('x-request-id');
    expect(ok?.schema?.properties).toHaveProperty('is_pinned');
    expect(ok?.examples.map((example) => example.name)).toContain('PinnedThreadSeed');
    expect(pin.responses.find((response) => response.status === 404)?.schemaName).toBe('PlatformErrorResponse');
  });

  it('collects the limits that request schemas state, and the document-level limits', () => {
    expect(contract.operation('updateThread').limits).toContainEqual({
      in: 'body',
      path: [{ property: 'title' }],
      where: 'body.title',
      keyword: 'maxLength',
      value: 200,
    });
    expect(contract.operation('createThread').limits).toContainEqual({
      in: 'body',
      path: [{ property: 'messages' }, 'items', { property: 'content' }],
      where: 'body.messages[].content',
      keyword: 'maxLength',
      value: 65536,
    });
    expect(contract.operation('createThread').limits).toContainEqual(
      expect.objectContaining({ in: 'body', path: [{ property: 'metadata' }, 'values'], where: 'body.metadata.*' }),
    );
    expect(contract.operation('listThreads').limits).toContainEqual(
      expect.objectContaining({ in: 'query', path: [{ property: 'limit' }], where: 'query.limit', keyword: 'maximum' }),
    );
    expect(contract.limits.requestBodyMaxBytes).toBe(doc['x-request-body-max-bytes' as keyof typeof doc]);
    expect(contract.limits.rateLimit).toEqual({ limit: 100, windowSeconds: 60 });
  });

  it('refuses a server without x-environment', () => {
    const copy = mutated((d) => {
      delete d.servers[0]['x-environment'];
    });
    expect(() => describeContract(copy)).toThrow(/x-environment/);
  });

  it('refuses a path parameter that is not declared', () => {
    const copy = mutated((d) => {
      d.paths['/threads/{thread_id}/pin'].parameters = [];
    });
    expect(() => describeContract(copy)).toThrow(/pinThread .* path parameter thread_id is not declared/);
  });

  it('names the one 2xx response a call resolves with, and refuses an operation with none or two', () => {
    const documented = contract.operation('pinThread');
    expect(documented.success).toBe(documented.responses.find((response) => response.status === 200));
    const pin = (d: Untyped) => d.paths['/threads/{thread_id}/pin'].post.responses;
    expect(() => describeContract(mutated((d) => (pin(d)['202'] = pin(d)['200'])))).toThrow(
      /pinThread .*exactly one 2xx response .*not 2/,
    );
    expect(() => describeContract(mutated((d) => delete pin(d)['200']))).toThrow(/exactly one 2xx response .*not 0/);
  });

  it('refuses an operation whose errors mix two envelopes', () => {
    const copy = mutated((d) => {
      d.paths['/threads/{thread_id}/pin'].post.responses['404'] = { $ref: '#/components/responses/NotFound' };
    });
    expect(() => describeContract(copy)).toThrow(/every error response must use one component schema/);
  });

  it('says which operations are idempotent: by method, or by x-idempotent: true', () => {
    // HTTP's idempotent methods, and any other operation that states x-idempotent: true (read from the document).
    const byMethod = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);
    for (const op of contract.operations) {
      const pathItem: Untyped = doc.paths?.[op.path] ?? {};
      const stated = pathItem[op.method.toLowerCase()]?.['x-idempotent'] === true;
      expect(op.idempotent, op.id).toBe(byMethod.has(op.method) || stated);
    }
    expect(contract.operations.some((op) => op.idempotent && !byMethod.has(op.method))).toBe(true);
    expect(contract.operations.some((op) => !op.idempotent)).toBe(true);
    const unstated = describeContract(mutated((d) => delete d.paths['/threads/{thread_id}/pin'].post['x-idempotent']));
    expect(unstated.operation('pinThread').idempotent).toBe(false);
  });

  it('refuses an x-idempotent that is not true', () => {
    expect(() =>
      describeContract(mutated((d) => (d.paths['/threads/{thread_id}/pin'].post['x-idempotent'] = 'yes'))),
    ).toThrow(/pinThread .*x-idempotent can only be true, not "yes"/);
  });

  it('names each client method by one rule: tag (else first path segment) and operationId less the noun', () => {
    expect(contract.operation('retrieveThread').client).toEqual({ resource: 'threads', method: 'retrieve' });
    expect(contract.operation('listThreads').client).toEqual({ resource: 'threads', method: 'list' });
    expect(contract.operation('updateThreadMetadata').client).toEqual({
      resource: 'threads',
      method: 'updateMetadata',
    });
    expect(contract.operation('pinThread').client).toEqual({ resource: 'threads', method: 'pin' });
    const retagged = describeContract(
      mutated((d) => {
        d.paths['/threads/{thread_id}/pin'].post.tags = ['Zz Fixture Probes'];
        d.paths['/threads/{thread_id}/pin'].post.operationId = 'pinZzFixtureProbe';
        delete d.paths['/threads/{thread_id}/unpin'].post.tags;
        d.paths['/threads/{thread_id}/unpin'].post.operationId = 'zzUnpinFixture';
      }),
    );
    expect(retagged.operation('pinZzFixtureProbe').client).toEqual({ resource: 'zzFixtureProbes', method: 'pin' });
    // No tag: the path's first segment; no noun in the id: the id itself.
    expect(retagged.operation('zzUnpinFixture').client).toEqual({ resource: 'threads', method: 'zzUnpinFixture' });
  });

  it('takes x-client-method where the rule would name a method badly, and refuses a bad one', () => {
    const named = (value: unknown) =>
      describeContract(mutated((d) => (d.paths['/threads/{thread_id}/pin'].post['x-client-method'] = value)));
    expect(named('zzFixturePin').operation('pinThread').client).toEqual({
      resource: 'threads',
      method: 'zzFixturePin',
    });
    expect(() => named('zz-fixture')).toThrow(/pinThread .*x-client-method must be a camelCase name, not "zz-fixture"/);
    expect(() => named(7)).toThrow(/x-client-method must be a camelCase name, not 7/);
    // An id that is only the noun leaves no method name.
    expect(() =>
      describeContract(mutated((d) => (d.paths['/threads/{thread_id}/pin'].post.operationId = 'thread'))),
    ).toThrow(
      /thread \(POST \/threads\/\{thread_id\}\/pin\): the client method named by rule would be ""; state x-client-method/,
    );
  });

  it('refuses two operations that would be the same client method', () => {
    expect(() =>
      describeContract(mutated((d) => (d.paths['/threads/{thread_id}/unpin'].post['x-client-method'] = 'pin'))),
    ).toThrow('pinThread and unpinThread would both be client.threads.pin; give one an x-client-method');
  });

  it('refuses a document without its limits as data', () => {
    expect(() => describeContract(mutated((d) => delete d['x-rate-limit']))).toThrow(/x-rate-limit/);
    expect(() => describeContract(mutated((d) => (d['x-request-body-max-bytes'] = '64k')))).toThrow(
      /x-request-body-max-bytes/,
    );
  });
});

describe('parsePathTemplate', () => {
  const template = parsePathTemplate('/threads/{thread_id}/pin');

  it('matches instances, decoding values, with or without a trailing slash', () => {
    expect(template.match('/threads/thrd_1/pin')).toEqual({ thread_id: 'thrd_1' });
    expect(template.match('/threads/a%2Fb/pin/')).toEqual({ thread_id: 'a/b' });
    expect(template.match('/threads/%E0%A4%A/pin')).toEqual({ thread_id: '%E0%A4%A' });
  });

  it('does not match other paths', () => {
    for (const path of ['/threads//pin', '/threads/x/unpin', '/threads/x', '/threads/x/pin/y', 'threads/x/pin']) {
      expect(template.match(path), path).toBeNull();
    }
  });

  it('expands values percent-encoded, and refuses a missing one', () => {
    expect(template.expand({ thread_id: 'a/b c' })).toBe('/threads/a%2Fb%20c/pin');
    expect(() => template.expand({})).toThrow(/thread_id/);
  });

  it('refuses a parameter that does not fill its segment', () => {
    expect(() => parsePathTemplate('/threads/x{id}')).toThrow(/fill its segment/);
  });
});
