import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createApp } from '../src/server/app';
import { validRequests } from './api-checks';
import { type QueryName, readKeyPools, requestsFor } from './api-queries';
import { SERVER_NODE_FLAGS } from './child-server';
import { createBenchDatabase } from './database';
import { LARGE_PORTFOLIO, loadLargePortfolio } from './large-portfolio';
import { runLoad } from './load-runner';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const EXPERIMENTS = Number(process.env.BENCH_API_EXPERIMENTS ?? LARGE_PORTFOLIO.experiments);
const QUERIES: readonly QueryName[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'];
const ROOT = path.join(__dirname, '..');

export interface MemoryReport {
  readonly experiments: number;
  /** RSS in MB: after start (idle 5 s), after each query's load, and after all of them with a 10 s pause. */
  readonly afterStart: number;
  readonly afterLoads: ReadonlyArray<{ query: QueryName; rssMb: number; reqPerSec: number }>;
  readonly afterPause: number;
  readonly peak: number;
}

/** The resident set of a process in MB, and its peak (VmHWM), from /proc (Linux). */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the server as `npm start` does (compiled, same Node flags) on an existing database. */
async function startProductionServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-build.js')], { cwd: ROOT, stdio: 'inherit' });
  const port = await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(ROOT, 'dist', 'src', 'server', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: 'production',
      SEED_DEMO_DATA: 'false',
      ALLOW_ANONYMOUS_READS: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, url };
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error('the server was not ready within 60 s');
}

/**
 * Issue #11 target 5: the RSS of the server started as in production (`npm start`: compiled, on
 * PostgreSQL) after start, and after the issue #4 loads (10 connections, each query in turn).
 */
export async function benchMemory(log: (message: string) => void): Promise<MemoryReport> {
  const db = await createBenchDatabase(10, `portfolio_${EXPERIMENTS}`);
  try {
    log(`Loading ${EXPERIMENTS} experiments into ${db.url} ...`);
    await loadLargePortfolio(db.dataSource, log, EXPERIMENTS);
    const pools = await readKeyPools(db.dataSource);
    const app = await createApp({
      dataSource: db.dataSource,
      logger: { error: () => undefined },
      allowAnonymousReads: true,
    });
    const bodies = new Map<QueryName, string[]>();
    for (const query of QUERIES) {
      const { valid } = await validRequests(app, requestsFor(query, pools));
      bodies.set(
        query,
        valid.map((r) => JSON.stringify(r)),
      );
    }
    await app.apollo.stop();
    const { child, url } = await startProductionServer(db.url);
    try {
      await sleep(5000);
      const afterStart = rssOf(child.pid!).rss;
      log(`RSS after start: ${afterStart.toFixed(0)} MB`);
      const afterLoads: MemoryReport['afterLoads'][number][] = [];
      for (const query of QUERIES) {
        const run = await runLoad({ url, bodies: bodies.get(query)!, connections: 10, seconds: SECONDS });
        const { rss } = rssOf(child.pid!);
        log(`RSS after ${query}: ${rss.toFixed(0)} MB (${run.reqPerSec.toFixed(0)} req/s, ${run.failures} failures)`);
        afterLoads.push({ query, rssMb: rss, reqPerSec: run.reqPerSec });
      }
      await sleep(10_000);
      const { rss: afterPause, peak } = rssOf(child.pid!);
      return { experiments: EXPERIMENTS, afterStart, afterLoads, afterPause, peak };
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  } finally {
    await db.drop();
  }
}

export function renderMemoryReport(r: MemoryReport): string {
  const lines = [
    `The server as \`npm start\` runs it (compiled, \`--max-semi-space-size=64\`) on PostgreSQL with ${r.experiments} experiments; each load 10 connections for ${SECONDS} s.`,
    '',
    '| moment | RSS MB | req/s of the load |',
    '| --- | --- | --- |',
    `| after start (5 s idle) | ${r.afterStart.toFixed(0)} | |`,
    ...r.afterLoads.map((l) => `| after ${l.query} | ${l.rssMb.toFixed(0)} | ${l.reqPerSec.toFixed(0)} |`),
    `| 10 s after the last load | ${r.afterPause.toFixed(0)} | |`,
    `| peak (VmHWM) | ${r.peak.toFixed(0)} | |`,
  ];
  return lines.join('\n');
}
