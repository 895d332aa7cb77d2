/**
 * What every transport must show, written once: the stdio and HTTP suites
 * run these against a reference server on 127.0.0.1, through a counting
 * proxy, with the SDK's own client.
 */
import { createResponseValidator, describeContract } from '@freddy/spec';
import { type LossyProxy, type SandboxHandle, startLossyProxy } from '@freddy/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { manifest } from '../../src/manifest.js';
import { exampleArguments, strictAjv } from './examples.js';
import { type Connected, call, type Era, type McpClient, MODERN_REVISION, text } from './mcp-clients.js';
import { snake } from './tool-names.js';

export const contract = describeContract();
const checkResponse = createResponseValidator(contract);

export interface Harness {
  /** The era of the clients `connect` makes. */
  era: Era;
  /** An MCP client whose calls go to `baseUrl` with `apiKey`. */
  connect(options: { apiKey: string; baseUrl: string }): Promise<Connected>;
}

export function toolScenarios(sandbox: SandboxHandle, harness: Harness): void {
  let proxy: LossyProxy;
  let mcp: Connected;
  let client: McpClient;
  let key: string;
  const opened: Connected[] = [];

  beforeAll(async () => {
    proxy = await startLossyProxy(sandbox.current.url);
    key = sandbox.current.credentials.demo.apiKey;
    mcp = await harness.connect({ apiKey: key, baseUrl: proxy.url });
    opened.push(mcp);
    client = mcp.client;
    // The SDK client checks each result against its tool's outputSchema once it has listed the tools.
    await client.listTools();
  });
  afterAll(async () => {
    for (const connection of opened) await connection.close();
    await proxy?.close();
  });

  /** Calls a tool, and checks the key is nowhere in what came back. */
  async function run(name: string, args: Record<string, unknown> = {}) {
    const result = await call(client, name, args);
    expect(JSON.stringify(result)).not.toContain(key);
    return result;
  }

  /** The success body, after checking it against the contract and the text beside it. */
  async function ok(name: string, operationId: string, args: Record<string, unknown> = {}) {
    const result = await run(name, args);
    expect(result.isError, text(result)).toBeFalsy();
    const body = result.structuredContent;
    const check = checkResponse(operationId, 200, body);
    expect(check.valid, check.errors).toBe(true);
    expect(JSON.parse(text(result))).toEqual(body);
    return body as Record<string, unknown> & { id: string };
  }

  async function threadsTitled(title: string): Promise<number> {
    const res = await fetch(`${sandbox.current.url}/threads?limit=100`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const page = (await res.json()) as { data: { title: string | null }[] };
    return page.data.filter((thread) => thread.title === title).length;
  }

  test("the server says it is this package, at the installed package's version", () => {
    expect(client.getServerVersion()).toMatchObject({ name: manifest.name, version: manifest.version });
  });

  test(`the connection speaks the ${harness.era} era's revision`, () => {
    const revision = mcp.protocolVersion();
    if (harness.era === 'modern') expect(revision).toBe(MODERN_REVISION);
    // The SDK v1 client reports it only over HTTP; it asked for the newest 2025 revision and got it.
    else if (revision !== undefined) expect(revision).toBe('2025-11-25');
  });

  describe('the tool list', () => {
    test('is one tool per operation of the contract, named, titled and annotated from it', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(contract.operations.map((op) => snake(op.id)));
      for (const op of contract.operations) {
        const tool = tools.find((candidate) => candidate.name === snake(op.id))!;
        expect(tool.title).toBe(op.summary);
        const names = [...op.parameters.path, ...op.parameters.query].map((parameter) => parameter.name);
        names.push(...Object.keys(op.requestBody?.schema.properties ?? {}));
        // A write that takes an Idempotency-Key takes it as an optional argument, to repeat itself safely.
        if (op.parameters.header.some((header) => header.name === 'Idempotency-Key')) {
          names.push('idempotency_key');
          expect(tool.inputSchema.required ?? [], op.id).not.toContain('idempotency_key');
        }
        expect(Object.keys(tool.inputSchema.properties ?? {}).sort()).toEqual(names.sort());
        const readOnly = op.method === 'GET';
        expect(tool.annotations?.readOnlyHint ?? false, op.id).toBe(readOnly);
        if (!readOnly) {
          expect(tool.annotations?.destructiveHint, op.id).toBe(op.method === 'DELETE');
          expect(tool.annotations?.idempotentHint, op.id).toBe(op.idempotent);
        }
        expect(tool.annotations?.openWorldHint).toBe(false);
      }
    });

    test("every input schema, as received, compiles (ajv, 2020-12) and takes the contract's request examples", async () => {
      const { tools } = await client.listTools();
      for (const tool of tools) {
        const validate = strictAjv().compile(tool.inputSchema);
        const operationId = contract.operations.find((op) => snake(op.id) === tool.name)!.id;
        for (const { name, args } of exampleArguments(operationId)) {
          expect(validate(args), `${tool.name} ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
        }
        expect(strictAjv().compile(tool.outputSchema!)).toBeTypeOf('function');
      }
    });
  });

  describe('calls', () => {
    test("a thread's whole life, from create to delete, each answer valid against the contract", async () => {
      const created = await ok('create_thread', 'createThread', {
        title: 'Billing question',
        metadata: { category: 'support' },
        messages: [{ role: 'user', content: 'My invoice shows the wrong amount.' }],
      });
      expect(created).toMatchObject({ title: 'Billing question', messageCount: 1, metadata: { category: 'support' } });
      const id = created.id;
      expect(await ok('retrieve_thread', 'retrieveThread', { thread_id: id })).toMatchObject({ id });
      const renamed = await ok('update_thread', 'updateThread', { thread_id: id, title: 'Resolved Billing Issue' });
      expect(renamed.title).toBe('Resolved Billing Issue');
      const merged = await ok('update_thread_metadata', 'updateThreadMetadata', {
        thread_id: id,
        metadata: { priority: 'high' },
      });
      expect(merged.metadata).toEqual({ category: 'support', priority: 'high' });
      expect(await ok('pin_thread', 'pinThread', { thread_id: id })).toMatchObject({ id, is_pinned: true });
      const page = await ok('list_threads', 'listThreads', { limit: 100 });
      expect((page.data as { id: string }[])[0]?.id).toBe(id);
      expect(await ok('unpin_thread', 'unpinThread', { thread_id: id })).toMatchObject({ is_pinned: false });
      expect(await ok('delete_thread', 'deleteThread', { thread_id: id })).toMatchObject({
        success: true,
        threadId: id,
      });
      const gone = await run('retrieve_thread', { thread_id: id });
      expect(gone.isError).toBe(true);
      expect(text(gone)).toContain('404 thread_not_found');
    });

    test('a lost answer is retried with the same Idempotency-Key, and the write is done once', async () => {
      const title = `lost answer ${Math.random()}`;
      proxy.loseNext((method, url) => method === 'POST' && url === '/v1/threads');
      const before = proxy.forwarded.length;
      const created = await ok('create_thread', 'createThread', { title });
      expect(created.title).toBe(title);
      const posts = proxy.forwarded.slice(before).filter((request) => request.method === 'POST');
      expect(posts).toHaveLength(2);
      expect(posts[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      expect(posts[1]!.idempotencyKey).toBe(posts[0]!.idempotencyKey);
      expect(await threadsTitled(title)).toBe(1);
    });
  });

  describe('mistakes come back as results an agent can act on', () => {
    test('404: the status, code, message and request id', async () => {
      const result = await run('retrieve_thread', { thread_id: 'thread_missing' });
      expect(result.isError).toBe(true);
      const [line, json] = text(result).split('\n');
      expect(line).toMatch(/^The Freddy API answered 404 thread_not_found: .+ \[request id req_\S+\]$/);
      expect(JSON.parse(json!)).toMatchObject({ error: { status: 404, code: 'thread_not_found', param: null } });
      // The platform envelope (pin, unpin) gives the same fields.
      const pin = await run('pin_thread', { thread_id: 'thrd_missing' });
      expect(text(pin)).toMatch(/^The Freddy API answered 404 RESOURCE_NOT_FOUND: /);
    });

    test('an empty title, or an id over 128 characters, is refused by the input schema before any request', async () => {
      const before = proxy.forwarded.length;
      const empty = await run('create_thread', { title: '' });
      expect(empty.isError).toBe(true);
      expect(text(empty)).toMatch(
        /^Invalid arguments for create_thread, so nothing was sent: title must NOT have fewer than 1 characters \(minLength 1\)/,
      );
      const long = await run('retrieve_thread', { thread_id: 't'.repeat(129) });
      expect(text(long)).toContain('thread_id must NOT have more than 128 characters (maxLength 128)');
      const several = await run('update_thread', { title: ' ', visibleInUi: 'yes', colour: 'red' });
      expect(text(several)).toContain('thread_id is required');
      expect(text(several)).toContain('the arguments take no colour (unknown argument)');
      expect(text(several)).toContain('visibleInUi must be boolean');
      expect(text(several)).toContain('title must match pattern');
      expect(proxy.forwarded.length).toBe(before);
    });

    test('422 and 400 from the API itself: the merge past 16 pairs, a cursor that is not in the list', async () => {
      const metadata = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v']));
      const full = await ok('create_thread', 'createThread', { metadata });
      const over = await run('update_thread_metadata', { thread_id: full.id, metadata: { one: 'more' } });
      expect(over.isError).toBe(true);
      expect(text(over)).toMatch(/^The Freddy API answered 422 metadata_limit_exceeded: .* \(param: metadata\)/);
      const cursor = await run('list_threads', { after: 'thread_not_in_the_list' });
      expect(text(cursor)).toMatch(/^The Freddy API answered 400 \S+: .* \(param: after\)/);
    });

    test("401 for a wrong key, from every operation's tool, as a result that does not repeat the key", async () => {
      const wrongKey = 'ak_wrong_0123456789abcdef';
      const wrong = await harness.connect({ apiKey: wrongKey, baseUrl: proxy.url });
      opened.push(wrong);
      for (const op of contract.operations) {
        // The contract's own example arguments pass the input check, so the API is asked, and refuses.
        const result = await call(wrong.client, snake(op.id), exampleArguments(op.id)[0]!.args);
        expect(result.isError, op.id).toBe(true);
        expect(text(result), op.id).toMatch(/^The Freddy API answered 401 /);
        expect(JSON.stringify(result)).not.toContain(wrongKey);
      }
      expect(wrong.stderr()).not.toContain(wrongKey);
    });

    test('an unknown tool, or a call without a name, is a JSON-RPC error', async () => {
      const unknown = client.callTool({ name: 'zz_no_such_tool', arguments: {} });
      await expect(unknown).rejects.toMatchObject({ code: -32602 });
      // Said once: a v1 client adds "MCP error -32602: " to the message the server sent, which has none.
      const message = ((await unknown.catch((error: unknown) => error)) as Error).message;
      expect(message).toMatch(/^(MCP error -32602: )?Unknown tool: zz_no_such_tool$/);
      const nameless = mcp.rawRequest('tools/call', { arguments: {} });
      await expect(nameless).rejects.toMatchObject({ code: -32602 });
      const badArguments = mcp.rawRequest('tools/call', { name: 'list_threads', arguments: 'limit=5' });
      await expect(badArguments).rejects.toMatchObject({ code: -32602 });
    });
  });
}
