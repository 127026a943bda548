import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../test/e2e/browser';
import { SERVER_NODE_FLAGS } from './child-server';
import { coldAndWarmLoads, coldLoad, type PageLoad } from './page-load';

const LOADS = Number(process.env.BENCH_DASHBOARD_LOADS ?? 10);
const ROOT = path.join(__dirname, '..');
/** The organisation page counts as rendered when its treemap has drawn SVG shapes. */
const TREEMAP_DRAWN = '[data-chart="org-treemap"] svg :is(path, rect)';

export interface DashboardReport {
  readonly loads: number;
  readonly firstLoad: PageLoad;
  readonly cold: readonly PageLoad[];
  readonly warm: readonly PageLoad[];
}

/**
 * Starts the server as `npm start` does (compiled, same Node flags) on a new embedded database seeded with the demo
 * portfolio, as the end-to-end tests do, and returns its base URL once it serves.
 */
async function startDemoServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-build.js')], { cwd: ROOT, stdio: 'inherit' });
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(ROOT, 'dist', 'src', 'server', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      EMBEDDED_DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'true',
      PORT: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /GraphQL API: (http:\/\/\S+)\/graphql/.exec(output);
      if (match || child.exitCode !== null) clearInterval(poll);
      if (match) resolve(match[1]!);
      else if (child.exitCode !== null) reject(new Error(`the server exited with ${child.exitCode}:\n${output}`));
    }, 100);
  });
  return { child, url };
}

/**
 * Issue #14: the organisation page's weight and speed in headless Chromium (Debian's, through playwright-core) on the
 * demo portfolio: the bytes the first load transfers, and the time from navigation start to a drawn treemap over
 * `BENCH_DASHBOARD_LOADS` cold loads (a fresh browser context each: empty HTTP cache) and as many warm ones.
 */
export async function benchDashboard(log: (message: string) => void): Promise<DashboardReport> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ewl-bench-dashboard-'));
  const browser = await launchBrowser();
  let server: { child: ChildProcess; url: string } | undefined;
  try {
    log('Starting the server with the demo portfolio (embedded database) ...');
    server = await startDemoServer(dataDir);
    log(`Serving at ${server.url}; ${LOADS} cold and ${LOADS} warm loads of the organisation page`);
    // The first load ever also warms the server (its statistics cache, V8): reported on its own.
    const firstLoad = await coldLoad(browser, `${server.url}/`, TREEMAP_DRAWN);
    log(`first load: ${firstLoad.renderedMs.toFixed(0)} ms, ${firstLoad.transferredBytes} bytes`);
    const { cold, warm } = await coldAndWarmLoads(browser, `${server.url}/`, TREEMAP_DRAWN, LOADS, log);
    return { loads: LOADS, firstLoad, cold, warm };
  } finally {
    await browser.close();
    if (server) {
      const exited = new Promise((resolve) => server!.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The nearest-rank percentile `p` (0-100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export function renderDashboardReport(r: DashboardReport): string {
  const time = (loads: readonly PageLoad[]) => loads.map((l) => l.renderedMs);
  const bytes = (loads: readonly PageLoad[]) => loads.map((l) => l.transferredBytes);
  const row = (name: string, loads: readonly PageLoad[]) =>
    `| ${name} | ${loads.length} | ${percentile(time(loads), 50).toFixed(0)} | ${percentile(time(loads), 90).toFixed(0)} | ` +
    `${Math.max(...time(loads)).toFixed(0)} | ${kb(percentile(bytes(loads), 50))} |`;
  const responses = r.firstLoad.responses.map(
    (x) => `| ${new URL(x.url).pathname} | ${x.type} | ${x.status} | ${x.encoding} | ${kb(x.transferredBytes)} |`,
  );
  return [
    'The organisation page (`/`) of the server as `npm start` runs it, embedded database with the demo portfolio, in ' +
      'headless Chromium (1280x900); rendered = navigation start to the treemap drawn (SVG shapes present); ' +
      'transferred = CDP encodedDataLength (headers and compressed bodies).',
    '',
    `First load (fresh server, empty cache): ${r.firstLoad.renderedMs.toFixed(0)} ms, ` +
      `${kb(r.firstLoad.transferredBytes)} KiB transferred.`,
    '',
    '| response of the first load | type | status | encoding | KiB |',
    '| --- | --- | --- | --- | --- |',
    ...responses,
    '',
    '| loads | n | rendered p50 ms | p90 ms | max ms | transferred p50 KiB |',
    '| --- | --- | --- | --- | --- | --- |',
    row('cold (fresh context each)', r.cold),
    row('warm (same context)', r.warm),
  ].join('\n');
}
