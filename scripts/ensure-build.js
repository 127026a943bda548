#!/usr/bin/env node
// Builds what is missing or older than its sources, so that `npm start` runs compiled JavaScript and serves a
// current dashboard on a fresh clone and after every edit: the server (tsc -p tsconfig.build.json -> dist/src,
// dist/migrations, dist/scripts) and the dashboard (npm run build:dashboard -> dist/dashboard). With target
// names as arguments (`server`, `dashboard`), only those.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, execSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

const TARGETS = {
  server: {
    // Written after a successful build; its time is the build's.
    stamp: path.join(dist, '.build-stamp'),
    sources: ['src', 'migrations', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    ignore: [path.join(root, 'src', 'dashboard')],
    build() {
      console.log('Compiling the server (tsc -p tsconfig.build.json)...');
      // From scratch, so no output of a deleted source stays behind (dist/dashboard is the dashboard's).
      for (const dir of ['src', 'migrations', 'scripts'])
        fs.rmSync(path.join(dist, dir), { recursive: true, force: true });
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
        cwd: root,
        stdio: 'inherit',
      });
    },
  },
  dashboard: {
    // Inside the folder Vite empties, so a failed build leaves no stamp behind.
    stamp: path.join(dist, 'dashboard', '.build-stamp'),
    sources: ['src/dashboard', 'schema.graphql', 'codegen.yml', 'vite.config.mjs', 'package-lock.json'],
    ignore: [],
    build() {
      console.log('Building the dashboard (npm run build:dashboard)...');
      // The production build whoever asks (Jest's global setup runs with NODE_ENV=test, under which Vite bundles
      // React's development build, 1,037 kB instead of 816 kB, that `npm start` would then serve).
      execSync('npm run -s build:dashboard', {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      });
    },
  },
};

/** The newest modification time of a target's inputs (a deleted file changes its folder's time). */
function newestSource(target) {
  let newest = 0;
  const visit = (entry) => {
    if (target.ignore.includes(entry)) return;
    const stat = fs.statSync(entry);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
  };
  for (const source of target.sources) visit(path.join(root, source));
  return newest;
}

const asked = process.argv.slice(2);
for (const name of asked) if (!TARGETS[name]) throw new Error(`Unknown build target ${name}: server or dashboard`);
for (const [name, target] of Object.entries(TARGETS)) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  const built = fs.existsSync(target.stamp) ? fs.statSync(target.stamp).mtimeMs : -1;
  if (built < newestSource(target)) {
    target.build();
    fs.writeFileSync(target.stamp, `${new Date().toISOString()}\n`);
  }
}
