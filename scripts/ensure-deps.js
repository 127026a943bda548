#!/usr/bin/env node
// Installs the locked dependencies when node_modules is missing or older than package-lock.json,
// so that `npm start` and `npm test` work on a fresh clone with nothing but Node.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
const stale = !fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs;
const linked =
  fs.existsSync(path.join(root, 'node_modules')) && fs.lstatSync(path.join(root, 'node_modules')).isSymbolicLink();
if (stale && linked) {
  // A node_modules shared by link (e.g. a git worktree using the main checkout's): `npm ci` would empty the
  // folder it points to for every checkout using it, so it is left to its owner.
  console.warn('node_modules is a link and may be older than package-lock.json; run `npm ci` where it lives.');
} else if (stale) {
  console.log('Installing dependencies (npm ci)...');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
