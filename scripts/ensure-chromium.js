#!/usr/bin/env node
// Installs Debian's Chromium for the dashboard's end-to-end tests when it is missing and this is a
// Debian-like machine where we are root (the machines and CI), so that `npm test` works on a fresh
// machine with nothing but Node. Elsewhere it says what to install; the e2e project then fails with
// the same advice. CHROMIUM_PATH points the tests at another binary.
'use strict';
const fs = require('node:fs');
const { execSync } = require('node:child_process');

const binary = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const canInstall = process.platform === 'linux' && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
if (fs.existsSync(binary)) process.exit(0);
if (process.env.CHROMIUM_PATH || !canInstall) {
  console.warn(
    `No Chromium at ${binary}: the dashboard's end-to-end tests need one (Debian: apt-get install chromium; or set CHROMIUM_PATH).`,
  );
  process.exit(0);
}
console.log("Installing Debian's chromium for the dashboard's end-to-end tests (apt-get install chromium)...");
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
  stdio: 'inherit',
  shell: '/bin/sh',
});
