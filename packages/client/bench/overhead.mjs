// Per-call overhead of @freddy/client in-process, against bare openapi-fetch
// and raw fetch. `fetch` is replaced by a function returning a ready
// Response, so only client-side work is measured (building the Request,
// headers, serialising, signal and timeout, parsing, error checks).
// Run: pnpm --filter @freddy/client bench   (after `pnpm --filter @freddy/client build`)
import { createFreddyClient } from '@freddy/client';
import createClient from 'openapi-fetch';
import { Bench } from 'tinybench';

const BASE = 'https://api.freddy.aitronos.com/v1';
const KEY = 'ak_bench_0123456789';
const ID = 'thread_abc123';
const thread = JSON.stringify({
  id: ID,
  object: 'thread',
  createdAt: 1741476542,
  updatedAt: 1741476542,
  metadata: { category: 'support', priority: 'high' },
  assistantId: null,
  organizationId: 'ORG_123',
  userId: 'uid_user123',
  title: 'Resolved Billing Issue',
  visibleInUi: true,
  messageCount: 5,
  status: 'inactive',
});
const update = { title: 'Resolved Billing Issue', metadata: { status: 'resolved' } };

// A new Response per call: a body can be read once.
const readyFetch = async () => new Response(thread, { status: 200, headers: { 'content-type': 'application/json' } });

const freddy = createFreddyClient({ apiKey: KEY, baseUrl: BASE, fetch: readyFetch });
// Without a timeout (and no caller signal) no AbortSignal is made: shows what the default timeout costs.
const freddyUntimed = createFreddyClient({ apiKey: KEY, baseUrl: BASE, fetch: readyFetch, timeoutMs: 0 });
const bare = createClient({ baseUrl: BASE, fetch: readyFetch, headers: { Authorization: `Bearer ${KEY}` } });

// What a hand-written call does: real fetch builds a Request from url and init, too.
async function rawFetch(method, body) {
  const init = { method, headers: { Authorization: `Bearer ${KEY}` } };
  if (body) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await readyFetch(new Request(`${BASE}/threads/${encodeURIComponent(ID)}`, init));
  if (!response.ok) throw new Error(String(response.status));
  return response.json();
}

async function bareRetrieve() {
  const { data, error } = await bare.GET('/threads/{thread_id}', { params: { path: { thread_id: ID } } });
  if (error) throw error;
  return data;
}
async function bareUpdate() {
  const { data, error } = await bare.POST('/threads/{thread_id}', {
    params: { path: { thread_id: ID } },
    body: update,
  });
  if (error) throw error;
  return data;
}

const variants = {
  'retrieve: raw fetch': () => rawFetch('GET'),
  'retrieve: bare openapi-fetch': bareRetrieve,
  'retrieve: @freddy/client': () => freddy.threads.retrieve(ID),
  'retrieve: @freddy/client, timeoutMs 0': () => freddyUntimed.threads.retrieve(ID),
  'update: raw fetch': () => rawFetch('POST', update),
  'update: bare openapi-fetch': bareUpdate,
  'update: @freddy/client': () => freddy.threads.update(ID, update),
  'update: @freddy/client, timeoutMs 0': () => freddyUntimed.threads.update(ID, update),
};

for (const [name, fn] of Object.entries(variants)) {
  // Sanity: every variant returns the thread.
  const result = await fn();
  if (result?.id !== ID) throw new Error(`${name} returned ${JSON.stringify(result)}`);
}

// Several rounds, each in a different order, so that garbage left by one
// variant is not always collected during the same next one; the figures
// are the medians over rounds.
const ROUNDS = 5;
const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, { mean: [], p50: [] }]));
const names = Object.keys(variants);
// BENCH_SOCKET_ONLY=1 skips this part (quicker while working on the socket figure).
const inProcess = !process.env.BENCH_SOCKET_ONLY;
for (let round = 0; round < (inProcess ? ROUNDS : 0); round++) {
  const bench = new Bench({ time: 600, warmupTime: 200 });
  const order = names.map((_, i) => names[(i + round * 3) % names.length]);
  for (const name of order) bench.add(name, variants[name]);
  await bench.run();
  for (const task of bench.tasks) {
    samples[task.name].mean.push(task.result.latency.mean * 1000);
    samples[task.name].p50.push(task.result.latency.p50 * 1000);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
if (inProcess) {
  const rows = names.map((name) => ({ name, mean: median(samples[name].mean), p50: median(samples[name].p50) }));
  const bareOf = (name) => rows.find((r) => r.name === `${name.split(':')[0]}: bare openapi-fetch`);
  console.log(`node ${process.version}, ${ROUNDS} rounds, medians over rounds, ${new Date().toISOString()}`);
  console.table(
    rows.map((r) => ({
      task: r.name,
      'mean µs': r.mean.toFixed(2),
      'p50 µs': r.p50.toFixed(2),
      'mean vs bare openapi-fetch': `${(r.mean / bareOf(r.name).mean).toFixed(3)}×`,
      'p50 vs bare openapi-fetch': `${(r.p50 / bareOf(r.name).p50).toFixed(3)}×`,
    })),
  );
}

// The same clients over a real socket to a server in this process on
// 127.0.0.1 (keep-alive): the budget is measured here. tinybench's
// one-variant-at-a-time blocks let the machine's load (2 shared cores) land
// on one variant and not another, so the calls are interleaved instead: each
// round calls every variant once, in rotating order, and each call is timed
// alone; the figures are medians over all calls.
const { createServer } = await import('node:http');
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(thread);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const local = `http://127.0.0.1:${server.address().port}/v1`;
const bareLocal = createClient({ baseUrl: local, headers: { Authorization: `Bearer ${KEY}` } });
const freddyLocal = createFreddyClient({ apiKey: KEY, baseUrl: local });
const freddyLocalUntimed = createFreddyClient({ apiKey: KEY, baseUrl: local, timeoutMs: 0 });
const overSocket = {
  'retrieve over 127.0.0.1: bare openapi-fetch': async () => {
    const { data, error } = await bareLocal.GET('/threads/{thread_id}', { params: { path: { thread_id: ID } } });
    if (error) throw error;
    return data;
  },
  'retrieve over 127.0.0.1: @freddy/client (default 60 s timeout)': () => freddyLocal.threads.retrieve(ID),
  'retrieve over 127.0.0.1: @freddy/client, timeoutMs 0': () => freddyLocalUntimed.threads.retrieve(ID),
};
const socketNames = Object.keys(overSocket);
const CALLS = Number(process.env.BENCH_SOCKET_CALLS ?? 6000);
const socketSamples = Object.fromEntries(socketNames.map((name) => [name, []]));
for (let i = 0; i < CALLS + 500; i++) {
  for (let j = 0; j < socketNames.length; j++) {
    const name = socketNames[(i + j) % socketNames.length];
    const start = performance.now();
    await overSocket[name]();
    // The first 500 rounds warm up the JIT and the connection pool.
    if (i >= 500) socketSamples[name].push(performance.now() - start);
  }
}
server.close();
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const socketBare = socketSamples[socketNames[0]];
console.log(`over 127.0.0.1: ${CALLS} interleaved calls per variant`);
console.table(
  socketNames.map((name) => ({
    task: name,
    'p50 µs': (median(socketSamples[name]) * 1000).toFixed(1),
    'mean µs': (mean(socketSamples[name]) * 1000).toFixed(1),
    'p50 vs bare': `${(median(socketSamples[name]) / median(socketBare)).toFixed(3)}×`,
    'mean vs bare': `${(mean(socketSamples[name]) / mean(socketBare)).toFixed(3)}×`,
  })),
);
