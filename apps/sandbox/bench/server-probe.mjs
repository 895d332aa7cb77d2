// Preloaded into the server by `bench/pages.mjs` (`node --import
// ./bench/server-probe.mjs lib/cli.js …`, with an IPC channel), never shipped:
// what the server itself saw of each request, so a slow page can be told
// apart from a slow machine.
//
// - each request's time in the server, from node's `http.server.request.start`
//   to `http.server.response.finish` (diagnostics_channel: no change to the
//   server's code), with its start on the shared monotonic clock;
// - each garbage collection (PerformanceObserver 'gc'): start, duration, kind;
// - the event loop's delay (monitorEventLoopDelay), its max and p99;
// - SQLite's WAL file size, sampled each time a report is asked for.
//
// The bench sends 'report' over IPC and gets everything since the last report.
import { subscribe } from 'node:diagnostics_channel';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';

/** [start ms, duration ms, CPU ms of the process meanwhile] per request, in the order they finished. */
let requests = [];
/** [start ms, duration ms, kind] per GC. */
let gcs = [];
const starts = new WeakMap();
const KINDS = { 1: 'scavenge', 2: 'minor-mark-sweep', 4: 'mark-compact', 8: 'incremental', 16: 'weak-callbacks' };

subscribe('http.server.request.start', ({ response }) => {
  starts.set(response, [performance.now(), process.cpuUsage()]);
});
subscribe('http.server.response.finish', ({ response }) => {
  const start = starts.get(response);
  if (start === undefined) return;
  const cpu = process.cpuUsage(start[1]);
  requests.push([performance.timeOrigin + start[0], performance.now() - start[0], (cpu.user + cpu.system) / 1000]);
});

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcs.push([performance.timeOrigin + entry.startTime, entry.duration, KINDS[entry.detail?.kind] ?? 'other']);
  }
}).observe({ entryTypes: ['gc'] });

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();

process.on('message', (message) => {
  if (message !== 'report') return;
  process.send({
    requests,
    gcs,
    loopDelayMaxMs: loop.max / 1e6,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    heapUsedMb: process.memoryUsage().heapUsed / 1e6,
  });
  requests = [];
  gcs = [];
  loop.reset();
});
// The IPC channel must not keep the server alive once it is told to stop.
process.channel?.unref();
