// What the MCP server costs a call, against a named baseline, in one run:
// `retrieve` of one thread from the reference server (in this process, on
// 127.0.0.1, in memory) made directly with @freddy/client (the baseline), as a
// tools/call through the SDK's in-memory transport (the server's own
// overhead: budget 1.3× the baseline at p50), as a tools/call over stdio
// to the built bin, and over Streamable HTTP on 127.0.0.1 (both reported). Calls are interleaved: each round makes every
// variant's call once, in rotating order, each timed alone, so the load of a
// shared machine lands on all of them alike; figures are over all calls.
// Then the tools/list answer as it crosses stdio, in bytes, against its budget (tools-list-budget.ts).
// Run: pnpm --filter @freddy/mcp bench   (after `pnpm build`)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createFreddyClient } from '@freddy/client';
import { startSandbox } from '@freddy/sandbox';
import { describeContract } from '@freddy/spec';
import { Client, InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { createFreddyMcpServer, startHttp } from '../dist/index.js';
import { TOOLS_LIST_BUDGET, toolsListBudgetBytes } from './tools-list-budget.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const IN_MEMORY_BUDGET = 1.3;
const operations = describeContract().operations.length;
const LIST_BUDGET_BYTES = toolsListBudgetBytes(operations);
const bin = fileURLToPath(new URL('../bin/freddy-mcp.js', import.meta.url));

const sandbox = await startSandbox({ port: 0, memory: true, rateLimit: false, log: false });
const apiKey = sandbox.credentials.demo.apiKey;
const direct = createFreddyClient({ apiKey, baseUrl: sandbox.url });
const thread = await direct.threads.create({ title: 'Bench thread', metadata: { category: 'support' } });

// The SDK v2 client; pinned to the 2026-07-28 revision where the transport carries it (the in-memory pair
// links 2025-era instances only).
const modern = () =>
  new Client({ name: 'bench', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
const mcpServer = createFreddyMcpServer({ client: createFreddyClient({ apiKey, baseUrl: sandbox.url }) });
await mcpServer.connect(serverSide);
const inMemory = new Client({ name: 'bench', version: '1.0.0' });
await inMemory.connect(clientSide);
// In process through the SDK's HTTP handler's fetch, no socket: a server per request, 2026-07-28.
const handler = createMcpHandler(() =>
  createFreddyMcpServer({ client: createFreddyClient({ apiKey, baseUrl: sandbox.url }) }),
);
const inProcess = modern();
await inProcess.connect(
  new StreamableHTTPClientTransport(new URL('http://in-process.bench/mcp'), {
    fetch: (url, init) => handler.fetch(new Request(url, init)),
  }),
);

const overStdio = modern();
await overStdio.connect(
  new StdioClientTransport({
    command: process.execPath,
    args: [bin],
    env: { FREDDY_API_KEY: apiKey, FREDDY_BASE_URL: sandbox.url },
  }),
);
// Over HTTP as `freddy-mcp --http` wires it: a server per request, stateless.
const http = await startHttp({
  port: 0,
  host: '127.0.0.1',
  allowedOrigins: [],
  apiKey,
  serverFor: (key) => createFreddyMcpServer({ client: createFreddyClient({ apiKey: key, baseUrl: sandbox.url }) }),
});
const overHttp = modern();
await overHttp.connect(new StreamableHTTPClientTransport(new URL(http.url)));
// A client checks each result against the tool's outputSchema once it has listed the tools, as a host does.
await inMemory.listTools();
await inProcess.listTools();
await overStdio.listTools();
await overHttp.listTools();

const args = { name: 'retrieve_thread', arguments: { thread_id: thread.id } };
const check = (result) => {
  if (result.isError || result.structuredContent?.id !== thread.id) throw new Error(JSON.stringify(result));
};
const variants = {
  'direct @freddy/client (baseline)': async () => {
    if ((await direct.threads.retrieve(thread.id)).id !== thread.id) throw new Error('wrong thread');
  },
  'tools/call, in-memory transport (2025-11-25)': async () => check(await inMemory.callTool(args)),
  'tools/call, handler.fetch in process (2026-07-28)': async () => check(await inProcess.callTool(args)),
  'tools/call, stdio (child process, 2026-07-28)': async () => check(await overStdio.callTool(args)),
  'tools/call, Streamable HTTP (2026-07-28)': async () => check(await overHttp.callTool(args)),
};
const names = Object.keys(variants);
const samples = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < CALLS + WARMUP; round++) {
  for (let j = 0; j < names.length; j++) {
    const name = names[(round + j) % names.length];
    const start = performance.now();
    await variants[name]();
    if (round >= WARMUP) samples[name].push(performance.now() - start);
  }
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => sorted(xs)[Math.floor(xs.length * q)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const base = samples[names[0]];
console.log(
  `node ${process.version}, ${CALLS} interleaved calls per variant after ${WARMUP} rounds, ${new Date().toISOString()}`,
);
console.table(
  names.map((name) => ({
    call: name,
    'p50 µs': (quantile(samples[name], 0.5) * 1000).toFixed(1),
    'p90 µs': (quantile(samples[name], 0.9) * 1000).toFixed(1),
    'mean µs': (mean(samples[name]) * 1000).toFixed(1),
    'p50 vs baseline': `${(quantile(samples[name], 0.5) / quantile(base, 0.5)).toFixed(3)}×`,
    'mean vs baseline': `${(mean(samples[name]) / mean(base)).toFixed(3)}×`,
  })),
);
const ratio = quantile(samples[names[1]], 0.5) / quantile(base, 0.5);
console.log(
  `in-memory p50 ${ratio.toFixed(3)}× the baseline: ${ratio <= IN_MEMORY_BUDGET ? 'within' : 'OVER'} the ${IN_MEMORY_BUDGET}× budget`,
);

await inMemory.close();
await inProcess.close();
await handler.close();
await overStdio.close();
await overHttp.close();
await http.close();
await mcpServer.close();

// tools/list as it crosses stdio: the bytes of the answer's line, read off a fresh server's stdout.
const listBytes = await new Promise((resolve, reject) => {
  const child = spawn(process.execPath, [bin], {
    env: { ...process.env, FREDDY_API_KEY: apiKey, FREDDY_BASE_URL: sandbox.url },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const line = out.split('\n').find((candidate) => candidate.includes('"id":2'));
    if (line) {
      child.kill();
      resolve(Buffer.byteLength(`${line}\n`));
    }
  });
  child.once('error', reject);
  const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  send({
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
  });
  send({ method: 'notifications/initialized' });
  send({ id: 2, method: 'tools/list' });
});
console.log(
  `tools/list answer: ${listBytes} bytes over stdio (${(listBytes / 4).toFixed(0)} tokens at 4 bytes a token): ${listBytes <= LIST_BUDGET_BYTES ? 'within' : 'OVER'} the budget of ${LIST_BUDGET_BYTES} bytes (${TOOLS_LIST_BUDGET.fixedBytes} + ${TOOLS_LIST_BUDGET.bytesPerOperation} × ${operations} operations)`,
);
await sandbox.close();

// The MCP layers alone: the same two calls in-process, with a fetch that answers at once (the body the
// sandbox gave), so the difference is the SDK's client and server, the argument check and the result.
const body = JSON.stringify(thread);
const readyFetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
const offline = { apiKey, baseUrl: 'http://127.0.0.1:9/v1', fetch: readyFetch };
const directAlone = createFreddyClient(offline);
const [aloneClientSide, aloneServerSide] = InMemoryTransport.createLinkedPair();
const aloneServer = createFreddyMcpServer({ client: createFreddyClient(offline) });
await aloneServer.connect(aloneServerSide);
const alone = new Client({ name: 'bench', version: '1.0.0' });
await alone.connect(aloneClientSide);
await alone.listTools();
const aloneVariants = [() => directAlone.threads.retrieve(thread.id), () => alone.callTool(args)];
const aloneSamples = [[], []];
for (let round = 0; round < 4 * (CALLS + WARMUP); round++) {
  for (let j = 0; j < 2; j++) {
    const k = (round + j) % 2;
    const start = performance.now();
    await aloneVariants[k]();
    if (round >= 4 * WARMUP) aloneSamples[k].push(performance.now() - start);
  }
}
const [directP50, mcpP50] = aloneSamples.map((xs) => quantile(xs, 0.5) * 1000);
console.log(
  `in-process, fetch answering at once (${aloneSamples[0].length} calls each): direct ${directP50.toFixed(1)} µs, ` +
    `in-memory tools/call ${mcpP50.toFixed(1)} µs p50: the MCP layers add ${(mcpP50 - directP50).toFixed(1)} µs a call`,
);
await alone.close();
await aloneServer.close();
if (ratio > IN_MEMORY_BUDGET || listBytes > LIST_BUDGET_BYTES) process.exitCode = 1;
