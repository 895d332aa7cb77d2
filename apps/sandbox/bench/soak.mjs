// A bounded soak: many connections send a mix of valid and hostile requests
// to a running sandbox for a fixed time; the figures say how many answers of
// each class came back and how much memory the server held. The tests run it
// for a few seconds; `pnpm bench` runs it longer and prints the figures.

import { readFileSync } from 'node:fs';
import { request } from 'node:http';

/** Resident memory of a process in bytes (Linux), else undefined. */
export function residentBytes(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Number(line.split(/\s+/)[1]) * 1024;
  } catch {
    return undefined;
  }
}

function send(port, { method, path, headers = {}, body }) {
  return new Promise((resolve) => {
    const all = { ...headers };
    if (body !== undefined) all['content-length'] = String(Buffer.byteLength(body));
    const req = request({ host: '127.0.0.1', port, method, path, headers: all }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(-1));
    });
    req.on('error', () => resolve(-1));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The traffic: each worker cycles through these, in order, with its own thread. */
function mix(key, threadId) {
  const auth = { authorization: `Bearer ${key}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  return [
    { method: 'GET', path: '/v1/threads?limit=20', headers: auth },
    { method: 'GET', path: `/v1/threads/${threadId}`, headers: auth },
    { method: 'POST', path: `/v1/threads/${threadId}`, headers: json, body: '{"title":"soak"}' },
    { method: 'PATCH', path: `/v1/threads/${threadId}/metadata`, headers: json, body: '{"metadata":{"k":"v"}}' },
    { method: 'POST', path: `/v1/threads/${threadId}`, headers: json, body: deep },
    { method: 'POST', path: '/v1/threads', headers: json, body: '{"title":"a","title":' },
    { method: 'POST', path: `/v1/threads/${threadId}`, headers: json, body: '{"title":"\\ud800"}' },
    { method: 'GET', path: '/v1/threads?limit=1&limit=2&__proto__=x', headers: auth },
    { method: 'POST', path: '/v1/threads', headers: { ...json, authorization: 'Bearer ak_wrong' }, body: '{}' },
    { method: 'PROPFIND', path: `/v1/threads/${threadId}`, headers: auth },
    { method: 'POST', path: '/v1/threads', headers: json, body: `{"metadata":{"k":"${'x'.repeat(70_000)}"}}` },
  ];
}

/**
 * Runs the soak for `seconds` over `connections` workers against the sandbox
 * at `port` (pid `pid`, for its memory), acting with API key `key`.
 */
export async function soak({ port, pid, key, seconds, connections }) {
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const statuses = new Map();
  let peakRss = residentBytes(pid) ?? 0;
  const startRss = peakRss;
  const deadline = Date.now() + seconds * 1000;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, residentBytes(pid) ?? 0);
  }, 250);
  const worker = async () => {
    const created = await new Promise((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/threads', headers: auth }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve(JSON.parse(text).id));
      });
      req.end('{}');
    });
    const requests = mix(key, created);
    for (let i = 0; Date.now() < deadline; i++) {
      const status = await send(port, requests[i % requests.length]);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  clearInterval(sampler);
  const elapsed = (performance.now() - started) / 1000;
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  const count = (predicate) => [...statuses].filter(([s]) => predicate(s)).reduce((a, [, n]) => a + n, 0);
  return {
    seconds: elapsed,
    requests: total,
    perSecond: total / elapsed,
    statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
    serverErrors: count((s) => s >= 500),
    transportErrors: count((s) => s < 0),
    startRss,
    peakRss,
  };
}
