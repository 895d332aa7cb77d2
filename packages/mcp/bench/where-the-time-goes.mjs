// Where an in-memory tools/call spends what it costs beyond a direct
// @freddy/client call: the MCP layers alone (a fetch that answers at once with
// a thread, as in overhead.mjs's last part), `retrieve_thread` called through
// the SDK v2 client and this server over the SDK's in-memory transport, under
// V8's sampling profiler. Each sample goes to the innermost frame that belongs
// to one part (this server's code, @freddy/client and the fetch under it, the
// SDK's server, the SDK's client; zod's parsing counted apart for each SDK
// side), then the same loop is timed without the profiler and each part's
// share of it printed in µs a call. Then the direct call, the same way.
// BENCH_SANDBOX=1: against the reference server on 127.0.0.1, in this process,
// as overhead.mjs's in-memory row (its work then lands in the client's part).
// Run: pnpm --filter @freddy/mcp bench:profile   (after `pnpm build`)
import { Session } from 'node:inspector/promises';
import { createFreddyClient } from '@freddy/client';
import { startSandbox } from '@freddy/sandbox';
import { describeContract } from '@freddy/spec';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createFreddyMcpServer } from '../dist/index.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 20000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);

// The thread the contract's example answers for retrieveThread (the client checks it against the output schema).
const retrieve = describeContract().operations.find((operation) => operation.id === 'retrieveThread');
const example = retrieve.responses.find((response) => response.status === 200).examples[0].value;
const body = JSON.stringify(example);
const readyFetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
const sandbox = process.env.BENCH_SANDBOX
  ? await startSandbox({ port: 0, memory: true, rateLimit: false, log: false })
  : undefined;
const offline = sandbox
  ? { apiKey: sandbox.credentials.demo.apiKey, baseUrl: sandbox.url }
  : { apiKey: 'ak_bench_0000000000000000', baseUrl: 'http://127.0.0.1:9/v1', fetch: readyFetch };
const thread = sandbox
  ? await createFreddyClient(offline).threads.create({ title: 'Bench thread', metadata: { category: 'support' } })
  : example;

const direct = createFreddyClient(offline);
const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
const server = createFreddyMcpServer({ client: createFreddyClient(offline) });
await server.connect(serverSide);
const client = new Client({ name: 'bench', version: '1.0.0' });
await client.connect(clientSide);
await client.listTools();
const args = { name: 'retrieve_thread', arguments: { thread_id: thread.id } };
const viaMcp = async () => {
  const result = await client.callTool(args);
  if (result.isError) throw new Error(JSON.stringify(result));
};
const viaClient = () => direct.threads.retrieve(thread.id);

/** The part a frame's script belongs to, or undefined for a frame that says nothing (a builtin, a microtask). */
function partOf(url) {
  if (url.includes('/packages/mcp/dist/')) return 'this server (argument check, call, result)';
  if (url.includes('/packages/client/dist/') || url.includes('openapi-fetch') || url.includes('bench/where'))
    return '@freddy/client, and the Request/Response of the fetch';
  if (url.includes('/zod/')) return 'zod';
  if (url.includes('/apps/sandbox/')) return 'the reference server (BENCH_SANDBOX)';
  if (url.includes('@modelcontextprotocol/server/') || url.includes('@modelcontextprotocol+server'))
    return 'SDK server';
  if (url.includes('@modelcontextprotocol/client/') || url.includes('@modelcontextprotocol+client'))
    return 'SDK client';
  return undefined;
}

/** Each part's share of the samples: zod is put to the SDK side that called it. */
function shares(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const memo = new Map();
  const bucketOf = (id) => {
    if (memo.has(id)) return memo.get(id);
    const leaf = byId.get(id).callFrame;
    let bucket;
    if (leaf.functionName === '(garbage collector)') bucket = 'garbage collection (all parts)';
    else if (leaf.functionName === '(idle)' || leaf.functionName === '(program)')
      bucket = 'V8 and libuv (idle, program)';
    else {
      let zod = false;
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const part = partOf(byId.get(at).callFrame.url);
        if (part === 'zod') zod = true;
        else if (part) {
          bucket = zod && part.startsWith('SDK') ? `${part}: zod parsing` : part;
          break;
        }
      }
      bucket ??= 'microtasks, promises, builtins';
    }
    memo.set(id, bucket);
    return bucket;
  };
  const totals = new Map();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    const bucket = bucketOf(id);
    totals.set(bucket, (totals.get(bucket) ?? 0) + dt);
  });
  return [...totals].map(([part, t]) => [part, t / all]).sort((a, b) => b[1] - a[1]);
}

/** Mean µs a call of each, the calls interleaved so a shared machine's load lands on both alike. */
async function timedTogether(calls) {
  const totals = calls.map(() => 0);
  for (let i = 0; i < CALLS; i++) {
    for (let j = 0; j < calls.length; j++) {
      const k = (i + j) % calls.length;
      const start = performance.now();
      await calls[k]();
      totals[k] += performance.now() - start;
    }
  }
  return totals.map((total) => (total * 1000) / CALLS);
}

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });

for (let i = 0; i < WARMUP; i++) {
  await viaMcp();
  await viaClient();
}
const variants = [
  ['in-memory tools/call', viaMcp],
  ['direct @freddy/client', viaClient],
];
const profiles = [];
for (const [, call] of variants) {
  await session.post('Profiler.start');
  for (let i = 0; i < CALLS; i++) await call();
  profiles.push((await session.post('Profiler.stop')).profile);
}
session.disconnect();
const means = await timedTogether(variants.map(([, call]) => call));
variants.forEach(([name], i) => {
  console.log(`\n${name}: ${means[i].toFixed(1)} µs a call (mean of ${CALLS}, interleaved, unprofiled)`);
  console.table(
    shares(profiles[i]).map(([part, share]) => ({
      part,
      share: `${(share * 100).toFixed(1)} %`,
      'µs a call': (share * means[i]).toFixed(1),
    })),
  );
});
console.log(
  `\nnode ${process.version}, ${new Date().toISOString()}: the MCP layers add ${(means[0] - means[1]).toFixed(1)} µs a call (means)`,
);
await client.close();
await server.close();
await sandbox?.close();
