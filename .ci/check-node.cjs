#!/usr/bin/env node
// Is the running Node one this repository's toolchain runs on? The version is
// stated once, in package.json's engines.node (">=MAJOR.MINOR"). CommonJS and
// nothing newer than Node 8 has, so an old Node gets this one line and not a
// stack trace from a tool that no longer supports it.
//
//   node .ci/check-node.cjs           exit 0, or print the line and exit 1
//   node .ci/check-node.cjs --major   print the major to install (e.g. 24)
'use strict';
const path = require('node:path');

const range = require(path.join(__dirname, '..', 'package.json')).engines.node;
const wanted = /^>=(\d+)\.(\d+)$/.exec(range);
if (!wanted) {
  console.error(`package.json engines.node must read ">=MAJOR.MINOR", not "${range}"`);
  process.exit(2);
}
const major = Number(wanted[1]);
const minor = Number(wanted[2]);

if (process.argv[2] === '--major') {
  console.log(String(major));
  process.exit(0);
}

const [runningMajor, runningMinor] = process.versions.node.split('.').map(Number);
if (runningMajor > major || (runningMajor === major && runningMinor >= minor)) process.exit(0);
console.error(
  `This repository needs Node ${major}.${minor} or later (Node ${major} LTS or a newer LTS); this is Node ${process.versions.node}. Install it from https://nodejs.org and run the command again.`,
);
process.exit(1);
