// `node bench/pages.mjs`: list pages and a reset at
// scale. The built sandbox (lib/cli.js) runs in its own process on a data
// folder holding BENCH_THREADS threads (default 100 000) of the demo
// organization, a few of them pinned; this process is the client, over
// loopback.
//
// 1. Walks every page of the list (limit BENCH_PAGE_LIMIT, default 100)
//    forward with `after` in both orders, then back with `before`, and prints
//    each walk's first and last tenth of page times: a page deep in the walk
//    should cost what the first does.
// 2. Resets the demo organization while the other organization lists its
//    threads in a loop, and prints how long the reset took to answer, how
//    long until its rows were gone from the file, the other organization's
//    slowest answer meanwhile, and the database's size on disk (file and
//    WAL) before and after.
//
// The server runs with bench/server-probe.mjs preloaded: per page, its time
// from request to answer and the CPU it used meanwhile, its GCs and its event
// loop's delay. Each page over PAGE_BUDGET_MS is put down to where most of its
// time went (the handler's CPU, a server GC, this process's GC, the server
// waiting for a core mid-page, or outside the handler), so a slow page of
// ours is told apart from the shared machine's.
//
// Ends with the aims as PASS/FAIL lines, and exit code 1 on a FAIL: each
// walk's last tenth within DEPTH_RATIO_BUDGET of its first (median), no page
// over PAGE_BUDGET_MS as the client saw it, and none that took that much of
// the server's CPU.
//
// BENCH_CLI=<another build's lib/cli.js> runs that build instead (say, a
// worktree of an earlier commit), for a before/after. BENCH_DEBUG=1 lists
// every server GC and every slow page; BENCH_SERVER_FLAGS passes node flags
// to the server (`--trace-gc`).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

const CLI = process.env.BENCH_CLI ?? fileURLToPath(new URL('../lib/cli.js', import.meta.url));
/** Preloaded into the server: what it saw of each request, its GCs and its event loop's delay. */
const PROBE = new URL('./server-probe.mjs', import.meta.url).href;
const THREADS = Number(process.env.BENCH_THREADS ?? 100_000);
const LIMIT = Number(process.env.BENCH_PAGE_LIMIT ?? 100);
/** The aims (issue 26): no page over this, and a walk's last tenth within this ratio of its first (median). */
const PAGE_BUDGET_MS = 20;
const DEPTH_RATIO_BUDGET = 1.5;
/** One thread in this many is pinned. */
const PIN_EVERY = 97;

const dataDir = mkdtempSync(join(tmpdir(), 'freddy-pages-'));
let server;
process.on('exit', () => {
  server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

function start() {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_SERVER_FLAGS?.split(' ') ?? []),
        '--import',
        PROBE,
        CLI,
        '--port',
        '0',
        '--data',
        dataDir,
        '--no-rate-limit',
        '--quiet',
      ],
      { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
    );
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)[\s\S]*Demo API key:\s+(ak_\S+)/.exec(out);
      if (match) {
        child.stdout.off('data', onData);
        if (process.env.BENCH_DEBUG) child.stdout.pipe(process.stderr);
        else child.stdout.resume();
        child.stderr.resume();
        resolve({ child, base: match[1], demoKey: match[2] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => {
      out += c;
    });
    child.once('exit', (code) => reject(new Error(`${CLI} exited (${code}):\n${out}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.removeAllListeners('exit');
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** The demo organization's threads, written straight into the file while no server runs. */
function fill() {
  const db = new DatabaseSync(join(dataDir, 'sandbox.sqlite'));
  const { organization_id: org, user_id: user } = db
    .prepare(
      `SELECT users.organization_id, users.id AS user_id FROM organizations
       JOIN users ON users.organization_id = organizations.id WHERE organizations.name = 'Demo organization'`,
    )
    .get();
  // Timestamps three to a second, so pages cross ties of `updated_at`.
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO threads (id, organization_id, user_id, created_at, updated_at, title, is_pinned, pinned_at, body)
     SELECT 'thread_bench' || printf('%08d', i), ?, ?, 1700000000 + i / 3, 1700000000 + i / 3, 'Thread ' || i,
       i % ? = 0, CASE WHEN i % ? = 0 THEN 1700000000 + i / 3 END, ''
     FROM n`,
  ).run(THREADS, org, user, PIN_EVERY, PIN_EVERY);
  db.exec(`UPDATE threads SET body = json_object(
    'id', id, 'object', 'thread', 'createdAt', created_at, 'updatedAt', updated_at, 'metadata', json(metadata),
    'assistantId', assistant_id, 'organizationId', organization_id, 'userId', user_id, 'title', title,
    'visibleInUi', json(CASE visible_in_ui WHEN 1 THEN 'true' ELSE 'false' END), 'messageCount', message_count,
    'status', status, 'isPinned', json(CASE is_pinned WHEN 1 THEN 'true' ELSE 'false' END), 'pinnedAt', pinned_at)
    WHERE body = ''; PRAGMA wal_checkpoint(TRUNCATE);`);
  db.close();
}

function otherKey() {
  const r = spawnSync(process.execPath, [CLI, 'keys', 'create', '--org', 'other', '--data', dataDir], {
    encoding: 'utf8',
  });
  const key = /ak_\S+/.exec(r.stdout)?.[0];
  if (!key) throw new Error(`no key from keys create:\n${r.stdout}${r.stderr}`);
  return key;
}

const ms = (ns) => Number(ns) / 1e6;

/** CPU time (user + system) a process has used, in µs, from /proc (Linux; 10 ms ticks). */
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
const round = (x) => Math.round(x * 100) / 100;
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)];
const median = (xs) => percentile(xs, 0.5);

async function getJson(url, key) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** This process's own garbage collections, [start ms, duration ms]: the client's pauses are in its page times too. */
let clientGcs = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) clientGcs.push([performance.timeOrigin + entry.startTime, entry.duration]);
}).observe({ entryTypes: ['gc'] });
const now = () => performance.timeOrigin + performance.now();

/** What the server's probe saw since the last report. */
function serverReport() {
  return new Promise((resolve) => {
    server.once('message', resolve);
    server.send('report');
  });
}

/** How long the [start, duration] spans spent inside [from, to]. */
function overlap(spans, from, to) {
  let total = 0;
  for (const [start, duration] of spans) total += Math.max(0, Math.min(to, start + duration) - Math.max(from, start));
  return total;
}

/**
 * Every page forward from the first, or (`before`, given the list's last
 * thread) back from the last, timing each request.
 */
async function walk(base, key, order, direction, lastThread) {
  const times = [];
  /** Each page's start on the clock the server's probe uses. */
  const spans = [];
  // The server's CPU time at each page's start, which a busy machine moves far less than wall time.
  const cpu = [];
  let seen = direction === 'before' ? 1 : 0;
  let cursor = direction === 'before' ? lastThread : undefined;
  let lastThreadSeen;
  for (;;) {
    const url = `${base}/threads?limit=${LIMIT}&order=${order}${cursor ? `&${direction}=${cursor}` : ''}`;
    cpu.push(cpuMicros(server.pid));
    const t0 = now();
    const page = await getJson(url, key);
    times.push(now() - t0);
    spans.push(t0);
    seen += page.data.length;
    lastThreadSeen = page.lastId;
    if (!page.hasMore) break;
    cursor = direction === 'after' ? page.lastId : page.firstId;
  }
  if (seen !== THREADS) throw new Error(`${order} ${direction} walk saw ${seen} threads, not ${THREADS}`);
  cpu.push(cpuMicros(server.pid));
  const probe = await serverReport();
  if (probe.requests.length !== times.length) {
    throw new Error(`the server saw ${probe.requests.length} requests, the walk made ${times.length}`);
  }
  const pages = times.map((client, i) => {
    const [, server, serverCpu] = probe.requests[i];
    return {
      client,
      server,
      serverCpu,
      serverGc: overlap(probe.gcs, spans[i], spans[i] + client),
      clientGc: overlap(clientGcs, spans[i], spans[i] + client),
    };
  });
  clientGcs = [];
  if (process.env.BENCH_DEBUG) {
    console.log(order, direction, 'server GCs', probe.gcs.map(([, d, k]) => `${k}:${round(d)}`).join(' '));
    for (const page of pages.filter((p) => p.client > PAGE_BUDGET_MS)) console.log('  slow page', page);
  }
  const serverTimes = pages.map((p) => p.server);
  const slow = pages.filter((p) => p.client > PAGE_BUDGET_MS);
  const causes = Object.fromEntries(CAUSES.map((cause) => [cause, 0]));
  for (const page of slow) causes[causeOf(page)] += 1;
  const tenth = Math.max(1, Math.floor(times.length / 10));
  const cpuFirst = (cpu[tenth] - cpu[0]) / tenth / 1000;
  const cpuLast = (cpu.at(-1) - cpu.at(-1 - tenth)) / tenth / 1000;
  const first = times.slice(0, tenth);
  const last = times.slice(-tenth);
  const name = `order=${order} ${direction}`;
  const row = {
    walk: name,
    pages: times.length,
    // Medians first: on a shared machine a few pages land on another process's time slice.
    'first tenth median ms': round(median(first)),
    'last tenth median ms': round(median(last)),
    'last/first': round(median(last) / median(first)),
    'p99 ms': round(percentile(times, 0.99)),
    'slowest ms': round(Math.max(...times)),
    'server CPU ms/page, first tenth': round(cpuFirst),
    'last tenth': round(cpuLast),
  };
  const inServer = {
    walk: name,
    'handler ms: median': round(median(serverTimes)),
    p99: round(percentile(serverTimes, 0.99)),
    max: round(Math.max(...serverTimes)),
    'handler CPU ms, max': round(Math.max(...pages.map((p) => p.serverCpu))),
    GCs: `${probe.gcs.length} (${probe.gcs.filter((g) => g[2] === 'mark-compact').length} mark-compact)`,
    'GC ms: total': round(probe.gcs.reduce((t, g) => t + g[1], 0)),
    longest: round(Math.max(0, ...probe.gcs.map((g) => g[1]))),
    'event loop delay max ms': round(probe.loopDelayMaxMs),
  };
  const slowPages = { walk: name, [`pages over ${PAGE_BUDGET_MS} ms`]: slow.length, ...causes };
  return { row, server: inServer, slowPages, pages, last: lastThreadSeen };
}

/**
 * Where most of a slow page's time went: the handler's own CPU (our code),
 * a server GC, the client's GC (this process), the server descheduled while
 * it handled the page (its wall time minus its CPU), or outside the handler
 * and both GCs (the loopback, either process waiting for a core).
 */
const CAUSES = ['handler CPU', 'server GC', 'client GC', 'server descheduled', 'outside the handler'];
function causeOf(page) {
  const parts = [
    page.serverCpu,
    page.serverGc,
    page.clientGc,
    page.server - page.serverCpu,
    page.client - page.server - page.serverGc - page.clientGc,
  ];
  return CAUSES[parts.indexOf(Math.max(...parts))];
}

function sizeOnDisk() {
  const size = (name) => {
    try {
      return statSync(join(dataDir, name)).size;
    } catch {
      return 0;
    }
  };
  const file = size('sandbox.sqlite');
  const wal = size('sandbox.sqlite-wal');
  return { file, wal, total: file + wal };
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Resets the demo organization while the other organization lists its threads, one request after another. */
async function resetUnderLoad(base, demoKey, otherKeyValue) {
  const before = sizeOnDisk();
  let resetting = true;
  const others = [];
  /** Each of the other organization's requests' start, on the probe's clock. */
  const otherStarts = [];
  const loop = (async () => {
    while (resetting) {
      const t0 = now();
      await getJson(`${base}/threads?limit=20`, otherKeyValue);
      others.push(now() - t0);
      otherStarts.push(t0);
    }
  })();
  await new Promise((r) => setTimeout(r, 200));
  await serverReport();
  clientGcs = [];
  const t0 = process.hrtime.bigint();
  const res = await fetch(`${new URL(base).origin}/_sandbox/reset`, {
    method: 'POST',
    headers: { authorization: `Bearer ${demoKey}` },
  });
  const answered = ms(process.hrtime.bigint() - t0);
  const result = await res.json();
  if (result.deletedThreads !== THREADS) throw new Error(`reset deleted ${result.deletedThreads}`);
  const atAnswer = sizeOnDisk();
  // Whatever the reset left to do after it answered: until the organization's rows are gone from the file.
  const reader = new DatabaseSync(join(dataDir, 'sandbox.sqlite'), { readOnly: true });
  const stored = reader.prepare('SELECT count(*) AS n FROM threads WHERE organization_id = ?');
  const organizationId = result.organizationId;
  let largestWal = atAnswer.wal;
  while (stored.get(organizationId).n > 0) {
    if (ms(process.hrtime.bigint() - t0) > 300_000) throw new Error('the reset left rows in the file for 5 minutes');
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 10));
      largestWal = Math.max(largestWal, sizeOnDisk().wal);
    }
  }
  const gone = ms(process.hrtime.bigint() - t0);
  reader.close();
  resetting = false;
  await loop;
  const seen = await serverReport();
  // The probe saw the reset too: the other organization's requests are the rest, in order.
  const otherSeen = seen.requests.filter(([start]) => start >= otherStarts[0] - 5);
  const slowestAt = others.indexOf(Math.max(...others));
  const slowestServer = otherSeen.find(([start]) => start >= otherStarts[slowestAt] - 1) ?? [0, Number.NaN, Number.NaN];
  const from = otherStarts[slowestAt];
  const settled = sizeOnDisk();
  const left = (await getJson(`${base}/threads?limit=1`, demoKey)).data.length;
  if (left !== 0) throw new Error('the demo organization still lists threads after its reset');
  return {
    'reset answered in ms': round(answered),
    'rows gone from the file after ms': round(gone),
    'other organization: requests': others.length,
    'other organization: slowest ms': round(Math.max(...others)),
    'other organization: median ms': round(median(others)),
    'its slowest: server / server CPU / server GC / client GC ms': [
      slowestServer[1],
      slowestServer[2],
      overlap(seen.gcs, from, from + others[slowestAt]),
      overlap(clientGcs, from, from + others[slowestAt]),
    ]
      .map(round)
      .join(' / '),
    'server event loop delay max ms (reset)': round(seen.loopDelayMaxMs),
    'WAL largest meanwhile': mb(largestWal),
    'on disk before (file + WAL)': `${mb(before.total)} (${mb(before.file)} + ${mb(before.wal)})`,
    'on disk at the answer': `${mb(atAnswer.total)} (${mb(atAnswer.file)} + ${mb(atAnswer.wal)})`,
    'on disk once they are gone': `${mb(settled.total)} (${mb(settled.file)} + ${mb(settled.wal)})`,
  };
}

let started = await start();
const otherKeyValue = otherKey();
await stop(started.child);
fill();
started = await start();
server = started.child;
const { base, demoKey } = started;
console.log(
  `${THREADS} threads, limit ${LIMIT}, ${CLI}; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}`,
);
// Warm-up with another page size: the same code, every row read once (from the OS into SQLite), and none
// of the measured pages in the server's page cache.
for (const order of ['desc', 'asc']) {
  let cursor;
  for (let i = 0; i < (order === 'desc' ? Number.POSITIVE_INFINITY : 50); i++) {
    const page = await getJson(
      `${base}/threads?limit=${LIMIT - 1}&order=${order}${cursor ? `&after=${cursor}` : ''}`,
      demoKey,
    );
    if (!page.hasMore) break;
    cursor = page.lastId;
  }
}
await serverReport();
clientGcs = [];
const walks = [];
for (const order of ['desc', 'asc']) {
  const forward = await walk(base, demoKey, order, 'after');
  const back = await walk(base, demoKey, order, 'before', forward.last);
  walks.push(forward, back);
}
console.table(walks.map((w) => w.row));
console.log(
  'In the server (bench/server-probe.mjs): each page from its request to its answer, its GCs, its event loop',
);
console.table(walks.map((w) => w.server));
console.log(`Pages over ${PAGE_BUDGET_MS} ms as the client saw them, by where most of their time went`);
console.table(walks.map((w) => w.slowPages));
console.table(await resetUnderLoad(base, demoKey, otherKeyValue));
await stop(server);
server = undefined;

const ratios = walks.map((w) => w.row['last/first']);
const worstRatio = Math.max(...ratios.map((r) => Math.max(r, 1 / r)));
const slowest = Math.max(...walks.flatMap((w) => w.pages.map((p) => p.client)));
const slowestHandlerCpu = Math.max(...walks.flatMap((w) => w.pages.map((p) => p.serverCpu)));
const checks = [
  [
    `a page deep in a walk costs what the first ones do: last/first tenth median within ${DEPTH_RATIO_BUDGET}× (worst ${round(worstRatio)}×)`,
    worstRatio <= DEPTH_RATIO_BUDGET,
  ],
  [`no page over ${PAGE_BUDGET_MS} ms as the client saw it (slowest ${round(slowest)} ms)`, slowest <= PAGE_BUDGET_MS],
  [
    // What is ours whatever the machine's load: the CPU the server spent on a page, from its request to its answer.
    `no page took over ${PAGE_BUDGET_MS} ms of the server's CPU (most ${round(slowestHandlerCpu)} ms)`,
    slowestHandlerCpu <= PAGE_BUDGET_MS,
  ],
];
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')} (${availableParallelism()} cores)`,
);
for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
