#!/usr/bin/env node
// Where the CPU of a command goes, by workspace package: `node .ci/cpu-by-package.mjs pnpm test`, from
// the root of a clone (the folder it charges by is the one it is started in).
//
// Runs the command, samples /proc every 200 ms and charges each process's CPU (user + system) to the
// package its working directory is in, or, for a process working outside the clone (an npm install in a
// temporary folder), to its parent's. Prints the command's wall time, the machine's CPU seconds meanwhile
// (from /proc/stat, which also counts what the sampling misses), the CPU time the hypervisor gave to other
// guests meanwhile (steal: on a shared host, why one run's wall time differs from another's), and one line
// per package with the processes that took most of it. Linux only. Chromium is why it samples: its
// processes are not waited for by the test runner that starts them, so `time` and `getrusage` never see
// their CPU.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { relative, sep } from 'node:path';

const root = process.cwd();
const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node .ci/cpu-by-package.mjs <command> [args...]');
  process.exit(2);
}
const TICKS_PER_SECOND = 100;

/**
 * The machine's ticks so far, every core: busy ones, and stolen ones (a virtual machine's cores given to
 * other guests by the hypervisor while this one had work: wall time that no process of ours was charged).
 */
function machineTicks() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal = 0] = fields.map(Number);
  return { busy: user + nice + system + irq + softirq, steal };
}

/** The package a folder is in: `apps/docs`, `spec`, `.` for the root, undefined outside the clone. */
function packageOf(cwd) {
  const inside = relative(root, cwd);
  if (inside.startsWith('..') || inside.startsWith(sep)) return undefined;
  const [first, second] = inside.split(sep);
  if (first === 'packages' || first === 'apps') return second ? `${first}/${second}` : first;
  return first || '.';
}

const seen = new Map(); // "pid start-time" -> ticks charged so far
const owner = new Map(); // pid -> package
const byPackage = new Map(); // package -> { ticks, programs: Map<name, ticks> }
const before = new Set(); // processes that were running before the command: not charged

function sample(charge) {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    let cwd;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue; // gone, or not ours to read
    }
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close).replace(/[\d:/]+$/, '');
    const fields = stat.slice(close + 2).split(' ');
    const key = `${pid} ${fields[19]}`;
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (!charge) {
      before.add(key);
      continue;
    }
    if (before.has(key)) continue;
    const pkg = packageOf(cwd) ?? owner.get(pid) ?? owner.get(fields[1]) ?? 'outside the clone';
    owner.set(pid, pkg);
    const delta = ticks - (seen.get(key) ?? 0);
    seen.set(key, ticks);
    if (delta <= 0) continue;
    const entry = byPackage.get(pkg) ?? { ticks: 0, programs: new Map() };
    entry.ticks += delta;
    entry.programs.set(name, (entry.programs.get(name) ?? 0) + delta);
    byPackage.set(pkg, entry);
  }
}

sample(false);
const startTicks = machineTicks();
const started = performance.now();
const timer = setInterval(() => sample(true), 200);
const child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  clearInterval(timer);
  sample(true);
  const wall = (performance.now() - started) / 1000;
  const end = machineTicks();
  const machine = (end.busy - startTicks.busy) / TICKS_PER_SECOND;
  const stolen = (end.steal - startTicks.steal) / TICKS_PER_SECOND;
  const seconds = (ticks) => (ticks / TICKS_PER_SECOND).toFixed(1);
  const rows = [...byPackage].sort((a, b) => b[1].ticks - a[1].ticks);
  const charged = rows.reduce((total, [, entry]) => total + entry.ticks, 0);
  console.log(
    `\n${command.join(' ')}: ${wall.toFixed(1)} s wall, ${machine.toFixed(1)} CPU-s on the machine, ${stolen.toFixed(1)} s stolen by the hypervisor`,
  );
  console.log(`charged to a package: ${seconds(charged)} CPU-s (the rest: processes shorter than a sample)`);
  for (const [pkg, entry] of rows) {
    const programs = [...entry.programs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([name, ticks]) => `${name} ${seconds(ticks)}`)
      .join(', ');
    console.log(`  ${pkg.padEnd(20)} ${seconds(entry.ticks).padStart(7)} CPU-s  (${programs})`);
  }
  process.exitCode = code ?? (signal ? 1 : 0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
