#!/usr/bin/env node
// Compiles the server to dist/ (tsc -p tsconfig.build.json) when dist/ is missing or older than any
// of its sources, so that `npm start` runs compiled JavaScript on a fresh clone and after every edit.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
/** Written after a successful build; its time is the build's. */
const stamp = path.join(dist, '.build-stamp');
const SOURCE_DIRS = ['src', 'migrations', 'scripts'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest modification time of the build's inputs (a deleted file changes its folder's time). */
function newestSource() {
  let newest = 0;
  const visit = (entry) => {
    const stat = fs.statSync(entry);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
  };
  for (const dir of SOURCE_DIRS) visit(path.join(root, dir));
  for (const file of SOURCE_FILES) visit(path.join(root, file));
  return newest;
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : -1;
if (built < newestSource()) {
  console.log('Compiling the server (tsc -p tsconfig.build.json)...');
  // From scratch, so no output of a deleted source stays behind.
  fs.rmSync(dist, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
