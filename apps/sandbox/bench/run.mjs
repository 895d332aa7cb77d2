// `pnpm bench`: autocannon on loopback against the sandbox (full validation,
// SQLite on disk), Stoplight Prism's mock of the same bundled spec, and a bare
// node:http server. Each server runs in its own process; this one is the client.
// Speed is measured only here, never in the tests.
//
// BENCH_BASELINE=<another build's lib/cli.js> (say, a worktree of an earlier
// commit) also runs that build on the same routes, interleaved with this one
// round by round, and prints this build against it; BENCH_BASELINE_ONLY=1
// stops there.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledSpecPath } from '@freddy/spec';
import autocannon from 'autocannon';
import { soak } from './soak.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 60);
const BASELINE = process.env.BENCH_BASELINE;
const BASELINE_ROUNDS = Number(process.env.BENCH_BASELINE_ROUNDS ?? 3);
const children = [];

function startProcess(command, args, pattern, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    children.push(child);
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const match = pattern.exec(out);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve({ child, match, output: out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => {
      out += c;
    });
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}):\n${out}`)));
  });
}

async function waitForHttp(url, headers) {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url, { headers });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not answer`);
}

/** CPU time (user + system) a process has used, in µs; Linux only, else undefined. */
function cpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

async function load(title, { url, method = 'GET', headers = {}, body }, pid) {
  // A short warm-up so the JIT has settled before the measured run.
  await autocannon({ url, method, headers, body, connections: CONNECTIONS, duration: 2 });
  const cpuBefore = pid ? cpuMicros(pid) : undefined;
  const r = await autocannon({ url, method, headers, body, connections: CONNECTIONS, duration: DURATION });
  const cpuAfter = pid ? cpuMicros(pid) : undefined;
  const result = {
    title,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
    // Server CPU per request: steadier than req/s on a machine shared with other work.
    cpuPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && r.requests.total > 0
        ? Math.round((cpuAfter - cpuBefore) / r.requests.total)
        : undefined,
  };
  console.error(
    `  ${title}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms` +
      (result.cpuPerRequest !== undefined ? `, server CPU ${result.cpuPerRequest} µs/request` : '') +
      (result.non2xx || result.errors ? `  (non-2xx ${result.non2xx}, errors ${result.errors})` : ''),
  );
  return result;
}

/**
 * A sandbox build (its lib/cli.js) as `freddy-sandbox` runs it, minus the rate
 * limit and the request log, on a data folder of its own, holding 200 threads.
 */
async function startSandbox(cli, dataDir) {
  const sandbox = await startProcess(
    process.execPath,
    [cli, '--port', '0', '--data', dataDir, '--no-rate-limit', '--quiet'],
    /listening on (http:\/\/\S+)[\s\S]*Demo API key:\s+(ak_\S+)/,
  );
  const [, base, key] = sandbox.match;
  const auth = { authorization: `Bearer ${key}` };
  const json = { ...auth, 'content-type': 'application/json' };
  let threadId;
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${base}/threads`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: `Thread ${i}`, metadata: { n: String(i) } }),
    });
    threadId = (await res.json()).id;
  }
  return { child: sandbox.child, base, key, auth, json, threadId };
}

const updateBody = JSON.stringify({ title: 'Resolved Billing Issue', metadata: { category: 'support' } });
const routes = (prefix, id, { auth, json }) => ({
  retrieve: { url: `${prefix}/threads/${id}`, headers: auth },
  'list (limit 20)': { url: `${prefix}/threads?limit=20`, headers: auth },
  // Prism's list is its two-thread example whatever the limit: this row compares equal payloads.
  'list (limit 2)': { url: `${prefix}/threads?limit=2`, headers: auth },
  update: { url: `${prefix}/threads/${id}`, method: 'POST', headers: json, body: updateBody },
});

/** This build against BENCH_BASELINE's, route by route, the two loaded in turn for a few rounds. */
async function compareWithBaseline(ours, baseDir) {
  const theirs = await startSandbox(BASELINE, baseDir);
  console.error(`baseline ${BASELINE} at ${theirs.base} (${BASELINE_ROUNDS} rounds, interleaved)`);
  const oursRoutes = routes(ours.base, ours.threadId, ours);
  const theirRoutes = routes(theirs.base, theirs.threadId, theirs);
  const sums = {};
  for (let round = 1; round <= BASELINE_ROUNDS; round++) {
    for (const name of Object.keys(oursRoutes)) {
      const a = await load(`this build ${name} (round ${round})`, oursRoutes[name], ours.child.pid);
      const b = await load(`baseline ${name} (round ${round})`, theirRoutes[name], theirs.child.pid);
      sums[name] ??= { a: [], b: [] };
      sums[name].a.push(a);
      sums[name].b.push(b);
    }
  }
  theirs.child.kill('SIGTERM');
  const mean = (runs, field) => runs.reduce((total, r) => total + r[field], 0) / runs.length;
  console.log(`\nthis build against the baseline (${BASELINE}), means of ${BASELINE_ROUNDS} interleaved rounds`);
  console.table(
    Object.entries(sums).map(([route, { a, b }]) => ({
      route,
      'req/s': Math.round(mean(a, 'rps')),
      'baseline req/s': Math.round(mean(b, 'rps')),
      'req/s × baseline': (mean(a, 'rps') / mean(b, 'rps')).toFixed(2),
      'CPU µs/req': Math.round(mean(a, 'cpuPerRequest')),
      'baseline CPU µs/req': Math.round(mean(b, 'cpuPerRequest')),
      'CPU × baseline': (mean(a, 'cpuPerRequest') / mean(b, 'cpuPerRequest')).toFixed(2),
    })),
  );
  return Object.values(sums).some(({ a, b }) => [...a, ...b].some((r) => r.non2xx > 0 || r.errors > 0));
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'freddy-bench-'));
  const baseDir = mkdtempSync(join(tmpdir(), 'freddy-bench-baseline-'));
  try {
    const sandbox = await startSandbox(here('../lib/cli.js'), dataDir);
    const { base, key, auth } = sandbox;
    if (BASELINE && (await compareWithBaseline(sandbox, baseDir))) {
      console.error('A build answered non-2xx or failed requests under load: the figures above are not valid.');
      process.exitCode = 1;
    }
    if (BASELINE && process.env.BENCH_BASELINE_ONLY === '1') {
      sandbox.child.kill('SIGTERM');
      return;
    }

    console.error(`sandbox ${base} (${CONNECTIONS} connections, ${DURATION} s per route)`);
    const ours = {};
    for (const [name, opts] of Object.entries(routes(base, sandbox.threadId, sandbox)))
      ours[name] = await load(`sandbox ${name}`, opts, sandbox.child.pid);

    console.error(`soak: valid and hostile requests, ${CONNECTIONS} connections, ${SOAK_SECONDS} s`);
    const soaked = await soak({
      port: Number(new URL(base).port),
      pid: sandbox.child.pid,
      key,
      seconds: SOAK_SECONDS,
      connections: CONNECTIONS,
    });
    sandbox.child.kill('SIGTERM');

    const prismPort = 4000 + Math.floor(Math.random() * 1000) + 1000;
    const prism = spawn(
      here('../node_modules/.bin/prism'),
      ['mock', bundledSpecPath, '-p', String(prismPort), '-h', '127.0.0.1'],
      { stdio: 'ignore' },
    );
    children.push(prism);
    const prismBase = `http://127.0.0.1:${prismPort}`;
    await waitForHttp(`${prismBase}/threads`, auth);
    console.error(`prism mock ${prismBase}`);
    const theirs = {};
    for (const [name, opts] of Object.entries(routes(prismBase, 'thread_abc123', sandbox))) {
      theirs[name] = await load(`prism ${name}`, opts, prism.pid);
    }
    prism.kill('SIGTERM');

    const bare = await startProcess(process.execPath, [here('./bare-server.mjs')], /listening on (http:\/\/\S+)/);
    console.error(`bare node:http ${bare.match[1]}`);
    const ceiling = await load('bare node:http', { url: bare.match[1] }, bare.child.pid);
    bare.child.kill('SIGTERM');

    const rows = Object.keys(ours).map((name) => {
      const o = ours[name];
      const p = theirs[name];
      return {
        route: name,
        'sandbox req/s': Math.round(o.rps),
        'p50/p99 ms': `${o.p50}/${o.p99}`,
        'CPU µs/req': o.cpuPerRequest ?? '',
        'prism req/s': Math.round(p.rps),
        'prism p50/p99 ms': `${p.p50}/${p.p99}`,
        'prism CPU µs/req': p.cpuPerRequest ?? '',
        '× prism': (o.rps / p.rps).toFixed(1),
        // The CPU aim: a request's server CPU against bare node:http's for a fixed body.
        'CPU × bare':
          o.cpuPerRequest && ceiling.cpuPerRequest ? (o.cpuPerRequest / ceiling.cpuPerRequest).toFixed(1) : '',
        '÷ bare node:http': `${((o.rps / ceiling.rps) * 100).toFixed(0)}%`,
        'non-2xx (ours/prism)': `${o.non2xx}/${p.non2xx}`,
      };
    });
    console.log(
      `\nbare node:http, fixed body: ${Math.round(ceiling.rps)} req/s, p50/p99 ${ceiling.p50}/${ceiling.p99} ms, ` +
        `server CPU ${ceiling.cpuPerRequest ?? '?'} µs/request`,
    );
    console.table(rows);
    const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `\nsoak: ${soaked.requests} requests in ${soaked.seconds.toFixed(0)} s (${Math.round(soaked.perSecond)} req/s), ` +
        `answers ${JSON.stringify(soaked.statuses)}, 5xx ${soaked.serverErrors}, unanswered ${soaked.transportErrors}, ` +
        `server memory ${mb(soaked.startRss)} → peak ${mb(soaked.peakRss)}`,
    );
    const failed =
      Object.values(ours).some((r) => r.non2xx > 0 || r.errors > 0) ||
      soaked.serverErrors > 0 ||
      soaked.transportErrors > 0;
    if (failed) {
      console.error('The sandbox answered non-2xx or failed requests under load: the figures above are not valid.');
      process.exitCode = 1;
    }
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(baseDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  process.exit(1);
});
