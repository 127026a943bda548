import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPath } from './browser';

/** Builds the dashboard when it is missing or stale (as `npm start` would), and checks that Chromium is there. */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, ['scripts/ensure-build.js', 'dashboard'], { cwd: root, stdio: 'inherit' });
  const executable = chromiumPath();
  if (!fs.existsSync(executable))
    throw new Error(
      `The end-to-end tests drive Chromium, and there is none at ${executable}: install Debian's package ` +
        '(apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.',
    );
}
