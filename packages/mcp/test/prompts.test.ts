/**
 * The guides as prompts (issue 24 §2): one per guide of `describeGuides()`,
 * listed and got over stdio and Streamable HTTP by a 2026-07-28 client and a
 * 2025 one; each names only tools the server lists; `--tools` and
 * `--read-only` leave out a prompt whose tools are not all offered; an
 * unknown prompt or a missing argument is a JSON-RPC error; and an agent
 * that does what a prompt's message says, call by call, against a fresh
 * reference server, gets what its guide promises.
 */
import { createFreddyClient } from '@freddy/client';
import { describeContract } from '@freddy/spec';
import { describeGuides, type Guide } from '@freddy/spec/guides';
import { useSandbox, withSandbox } from '@freddy/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { selectTools } from '../src/tools/catalog.js';
import { closeMcpHttpServers, startMcpHttp } from './support/http-servers.js';
import { type Connected, call, connectHttp, connectInMemory, connectStdio, ERAS, text } from './support/mcp-clients.js';
import { snake } from './support/tool-names.js';

const guides = describeGuides();
const sandbox = useSandbox();
afterAll(closeMcpHttpServers);

/** The prompt name the issue asks for: the guide's id in the tools' style, written apart from the generator's. */
const promptName = (guide: Guide) => guide.id.replace(/-/g, '_');
/** The tools a guide's steps call, by the tools' own naming. */
const toolsOf = (guide: Guide) => [...new Set(guide.steps.map((step) => snake(step.operationId)))];
/** What a user picks: every input but the API key. */
const userInputs = (guide: Guide) => guide.inputs.filter((input) => !input.secret);
const argumentsFor = (guide: Guide) =>
  Object.fromEntries(userInputs(guide).map((input) => [snake(input.name), `${input.name}_${crypto.randomUUID()}`]));

interface PromptClient {
  listPrompts(): Promise<{
    prompts: { name: string; title?: string; description?: string; arguments?: unknown[] }[];
  }>;
  getPrompt(params: { name: string; arguments?: Record<string, string> }): Promise<{
    messages: { role: string; content: { type: string; text?: string } }[];
  }>;
}
const prompts = (connected: Connected) => connected.client as unknown as PromptClient;

async function messageText(connected: Connected, name: string, args?: Record<string, string>): Promise<string> {
  const { messages } = await prompts(connected).getPrompt({ name, ...(args ? { arguments: args } : {}) });
  expect(messages.every((message) => message.role === 'user' && message.content.type === 'text')).toBe(true);
  return messages.map((message) => message.content.text).join('\n');
}

/** The tool calls a message asks for, in order: each step's tool and its arguments as written. */
function toolCalls(message: string): { tool: string; args: Record<string, unknown>; block: string }[] {
  return message
    .split(/\n(?=\d+\. )/)
    .slice(1)
    .map((block) => {
      const [, tool, args] = /Call `([a-z0-9_]+)` with (\{.*\})\.$/m.exec(block) ?? [];
      if (!tool || !args) throw new Error(`a step that names no tool call:\n${block}`);
      return { tool, args: JSON.parse(args) as Record<string, unknown>, block };
    });
}

function listsAndGets(connect: () => Promise<Connected>) {
  let mcp: Connected;
  beforeAll(async () => {
    mcp = await connect();
  });
  afterAll(() => mcp?.close());

  test('prompts/list: one prompt per guide, named by its id, with its title, summary and the inputs a user picks', async () => {
    const { prompts: listed } = await prompts(mcp).listPrompts();
    expect(listed).toEqual(
      guides.map((guide) => ({
        name: promptName(guide),
        title: guide.title,
        description: guide.summary,
        arguments: userInputs(guide).map((input) => ({
          name: snake(input.name),
          description: input.description,
          required: input.required,
        })),
      })),
    );
  });

  test('prompts/get: every step of each guide, each calling a tool the server lists, without the API key', async () => {
    const { tools } = await mcp.client.listTools();
    const offered = tools.map((tool) => tool.name);
    for (const guide of guides) {
      const message = await messageText(mcp, promptName(guide), argumentsFor(guide));
      const calls = toolCalls(message);
      expect(calls.map((step) => step.tool)).toEqual(guide.steps.map((step) => snake(step.operationId)));
      for (const { tool } of calls) expect(offered).toContain(tool);
      expect(message).toContain(guide.title);
      expect(message).not.toMatch(/apiKey|api_key|\{\{/);
    }
  });

  test('an unknown prompt, a missing or empty required argument, an argument it does not take: JSON-RPC errors that name it', async () => {
    const unknown = prompts(mcp).getPrompt({ name: 'zz_no_such_prompt' });
    await expect(unknown).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(/Unknown prompt: zz_no_such_prompt$/),
    });

    const guide = guides.find((candidate) => userInputs(candidate).some((input) => input.required))!;
    const required = snake(userInputs(guide).find((input) => input.required)!.name);
    for (const args of [{}, { ...argumentsFor(guide), [required]: ' ' }]) {
      const missing = prompts(mcp).getPrompt({ name: promptName(guide), arguments: args });
      await expect(missing).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining(`Prompt ${promptName(guide)} needs the argument ${required}`),
      });
    }
    const extra = prompts(mcp).getPrompt({ name: promptName(guide), arguments: { ...argumentsFor(guide), zz: 'x' } });
    await expect(extra).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('takes no argument zz'),
    });
  });
}

describe.each(ERAS)('over stdio, a %s client', (era) => {
  listsAndGets(() =>
    connectStdio(
      { FREDDY_API_KEY: sandbox.current.credentials.demo.apiKey, FREDDY_BASE_URL: sandbox.current.url },
      [],
      era,
    ),
  );
});

describe.each(ERAS)('over Streamable HTTP, a %s client', (era) => {
  listsAndGets(async () => {
    const http = await startMcpHttp({ apiKey: sandbox.current.credentials.demo.apiKey, baseUrl: sandbox.current.url });
    return connectHttp(http.url, undefined, era);
  });
});

describe('--tools and --read-only narrow the prompts to those whose every tool is offered', () => {
  const freddy = () => createFreddyClient({ apiKey: 'ak_unused', baseUrl: 'http://127.0.0.1:9/v1' });
  const listed = async (selection: Parameters<typeof selectTools>[0]) => {
    const mcp = await connectInMemory(freddy(), { tools: selectTools(selection) });
    try {
      return (await prompts(mcp).listPrompts()).prompts.map((prompt) => prompt.name);
    } finally {
      await mcp.close();
    }
  };
  const expected = (offered: string[]) =>
    guides.filter((guide) => toolsOf(guide).every((tool) => offered.includes(tool))).map(promptName);

  test.each(guides.map((guide) => [guide.id, guide] as const))(
    "--tools with %s's tools only: that guide's prompt, and only the guides those tools can follow",
    async (_, guide) => {
      const names = await listed({ names: toolsOf(guide) });
      expect(names).toContain(promptName(guide));
      expect(names).toEqual(expected(toolsOf(guide)));
    },
  );

  test('--tools without one tool of a guide: that guide is not listed, nor got', async () => {
    const guide = guides[0]!;
    const all = describeContract().operations.map((operation) => snake(operation.id));
    const lacking = all.filter((tool) => tool !== toolsOf(guide)[0]);
    expect(await listed({ names: lacking })).not.toContain(promptName(guide));
    const mcp = await connectInMemory(freddy(), { tools: selectTools({ names: lacking }) });
    await expect(prompts(mcp).getPrompt({ name: promptName(guide) })).rejects.toMatchObject({ code: -32602 });
    await mcp.close();
  });

  test('--read-only: only the guides made of reads (the bin, over stdio)', async () => {
    const mcp = await connectStdio(
      { FREDDY_API_KEY: sandbox.current.credentials.demo.apiKey, FREDDY_BASE_URL: sandbox.current.url },
      ['--read-only'],
    );
    try {
      const reads = describeContract()
        .operations.filter((operation) => operation.method === 'GET')
        .map((operation) => snake(operation.id));
      const names = (await prompts(mcp).listPrompts()).prompts.map((prompt) => prompt.name);
      expect(names).toEqual(expected(reads));
      // Every guide writes today, so the list is empty: the selection is what keeps them out.
      expect(names.length).toBeLessThan(guides.length);
    } finally {
      await mcp.close();
    }
  });
});

/** A field of a result, by the path a message writes (`data[0].id`) or a guide's JSON pointer (`/data/0/id`). */
function field(body: unknown, path: string): unknown {
  const tokens = path.startsWith('/') ? path.split('/').slice(1) : path.split(/\.|\[(\d+)\]/).filter(Boolean);
  return tokens.reduce<unknown>((value, token) => (value as Record<string, unknown> | undefined)?.[token], body);
}

/** What a result shows: a success's body, or an error result's JSON (its second line). */
function shown(result: Awaited<ReturnType<typeof call>>): unknown {
  return result.isError ? JSON.parse(text(result).split('\n')[1] ?? 'null') : result.structuredContent;
}

describe('an agent following each prompt gets what its guide promises', () => {
  test.each(guides.map((guide) => [guide.id, guide] as const))('%s', async (_, guide) => {
    await withSandbox({}, async (reference) => {
      const key = reference.credentials.demo.apiKey;
      const mcp = await connectInMemory(createFreddyClient({ apiKey: key, baseUrl: reference.url }));
      try {
        await mcp.client.listTools();
        const message = await messageText(mcp, promptName(guide), argumentsFor(guide));
        // What the agent keeps, by the names the message gives them.
        const kept = new Map<string, unknown>();
        const fill = (value: unknown): unknown => {
          if (typeof value === 'string') {
            const name = /^<(\w+)>$/.exec(value)?.[1];
            if (name === undefined) return value;
            expect(kept.has(name), `<${name}> is used before a step keeps it`).toBe(true);
            return kept.get(name);
          }
          if (Array.isArray(value)) return value.map(fill);
          if (value && typeof value === 'object')
            return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
          return value;
        };
        const results: Awaited<ReturnType<typeof call>>[] = [];
        for (const step of toolCalls(message)) {
          const result = await call(mcp.client, step.tool, fill(step.args) as Record<string, unknown>);
          expect(JSON.stringify(result)).not.toContain(key);
          results.push(result);
          // What the message says to check, checked as the agent would.
          const checks = /^\s*Check: (.*)\.$/m.exec(step.block)?.[1]?.split('; ') ?? [];
          expect(checks.length, step.block).toBeGreaterThan(0);
          for (const check of checks) {
            const status = /^it is an error result with status (\d+)$/.exec(check)?.[1];
            if (check === 'it succeeds') expect(result.isError, `${step.tool}: ${text(result)}`).toBeFalsy();
            else if (status) {
              expect(result.isError, step.block).toBe(true);
              expect(field(shown(result), 'error.status')).toBe(Number(status));
            } else {
              const [, path, expected] = /^`([^`]+)` is (.+)$/.exec(check) ?? [];
              if (!path || !expected) throw new Error(`a check an agent cannot read: ${check}`);
              const value = expected.startsWith('`')
                ? field(shown(result), expected.slice(1, -1))
                : expected.startsWith('<')
                  ? fill(expected)
                  : JSON.parse(expected);
              expect(field(shown(result), path), `${step.tool}: ${check}`).toEqual(value);
            }
          }
          for (const [, path, name] of step.block.matchAll(/Keep its `([^`]+)` as <(\w+)>/g))
            kept.set(name!, field(shown(result), path!));
        }

        // The guide's own criteria, read from describeGuides(), against what each call answered.
        const outputs = new Map<string, unknown>();
        for (const [index, step] of guide.steps.entries()) {
          const result = results[index]!;
          const body = shown(result);
          const operand = (side: string): unknown => {
            const pointer = /^\$response\.body#(\/.*)$/.exec(side)?.[1];
            if (pointer) return field(body, pointer);
            const output = /^\$steps\.([\w-]+)\.outputs\.(\w+)$/.exec(side);
            if (output) return outputs.get(`${output[1]}.${output[2]}`);
            return JSON.parse(side.replace(/^'(.*)'$/, '"$1"'));
          };
          for (const condition of step.successCriteria) {
            const status = /^\$statusCode == (\d+)$/.exec(condition)?.[1];
            if (status) {
              const ok = Number(status) < 300;
              expect(Boolean(result.isError), `${step.id}: ${text(result)}`).toBe(!ok);
              if (!ok) expect(field(body, '/error/status')).toBe(Number(status));
              continue;
            }
            if (condition.includes('$response.header')) continue; // a tool result carries no headers
            const [left, right] = condition.split(' == ') as [string, string];
            expect(operand(left), `${step.id}: ${condition}`).toEqual(operand(right));
          }
          for (const [name, expression] of Object.entries(step.outputs))
            outputs.set(`${step.id}.${name}`, field(body, expression.replace('$response.body#', '')));
        }
      } finally {
        await mcp.close();
      }
    });
  });
});
