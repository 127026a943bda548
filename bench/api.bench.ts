import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app';
import { checkFloorParity, countStatements, type StatementCount, validRequests } from './api-checks';
import { type GraphQLRequest, type KeyPools, type QueryName, readKeyPools, requestsFor } from './api-queries';
import { startChildServer } from './child-server';
import { type ProfileSummary, summariseCpuProfile } from './cpu-profile';
import { type BenchDatabase } from './database';
import { type LoadReport, loadLargePortfolio } from './large-portfolio';
import { type LoadSummary, measureInterleaved, measureLoad, runLoad } from './load-runner';
import { type ExplainedStatement, explainRequest } from './sql-explain';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP ?? 5);
const RUNS = 3;
const CONNECTIONS = 10;
/** The server's default DB_POOL_SIZE; the floor gets the same. */
const POOL_SIZE = 10;
/** Measured at 10 connections. */
const LOAD_QUERIES: readonly QueryName[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'];
/** Measured at 1 connection too (latency targets; Q4s only here). */
const LATENCY_QUERIES: readonly QueryName[] = ['Q3', 'Q4', 'Q4s'];
const QUERIES: readonly QueryName[] = [...LOAD_QUERIES, 'Q4s'];
/** Served by the floor too. */
const FLOOR_QUERIES: readonly QueryName[] = ['Q1', 'Q2'];

export type Target =
  | { readonly query: QueryName; readonly kind: 'ratio'; readonly min: number }
  | { readonly query: QueryName; readonly kind: 'p99'; readonly maxMs: number };

/** Issue #4 targets on the 2-core machine. */
export const TARGETS: readonly Target[] = [
  { query: 'Q1', kind: 'ratio', min: 0.35 },
  { query: 'Q2', kind: 'ratio', min: 0.25 },
  { query: 'Q3', kind: 'p99', maxMs: 10 },
  { query: 'Q4', kind: 'p99', maxMs: 50 },
];

export interface Measured {
  readonly query: QueryName;
  /** api: the server as configured by default (roll-up cache on); api-nocache: STATS_CACHE=off; floor: node:http + pg. */
  readonly server: 'api' | 'api-nocache' | 'floor';
  readonly summary: LoadSummary;
}

export interface TargetOutcome {
  readonly target: Target;
  readonly value: number | undefined;
  readonly met: boolean | undefined;
  readonly profile?: ProfileSummary;
  readonly profileDir?: string;
  /** EXPLAIN ANALYZE of the statements of one request of the query. */
  readonly explained?: readonly ExplainedStatement[];
}

export interface ApiBenchReport {
  readonly load: LoadReport;
  readonly pools: Record<string, number>;
  readonly notMeasured: ReadonlyArray<{ query: QueryName; reason: string }>;
  readonly statements: readonly StatementCount[];
  readonly floor: { q1Statements: number; q2Statements: StatementCount; checked: number };
  readonly measured: readonly Measured[];
  readonly outcomes: readonly TargetOutcome[];
}

const bodiesOf = (requests: readonly GraphQLRequest[]) => requests.map((r) => JSON.stringify(r));

/** Loads the large portfolio once, then measures Q1..Q5 against the real server and Q1, Q2 against the floor. */
export async function benchApi(db: BenchDatabase, log: (message: string) => void): Promise<ApiBenchReport> {
  log(`Loading the large portfolio into ${db.url} ...`);
  const load = await loadLargePortfolio(db.dataSource, log);
  log(
    `Loaded in ${load.loadSeconds.toFixed(1)} s (+ VACUUM ANALYZE ${load.analyzeSeconds.toFixed(1)} s): ${JSON.stringify(load.rows)}`,
  );
  const pools = await readKeyPools(db.dataSource);

  // In-process checks first: which requests answer, statements per request, floor = API.
  const app = await createApp({
    dataSource: db.dataSource,
    logger: { error: () => undefined },
    allowAnonymousReads: true,
  });
  const requests = new Map<QueryName, GraphQLRequest[]>();
  const notMeasured: Array<{ query: QueryName; reason: string }> = [];
  for (const name of QUERIES) {
    const checked = await validRequests(app, requestsFor(name, pools));
    if (checked.valid.length > 0) requests.set(name, checked.valid);
    else notMeasured.push({ query: name, reason: checked.firstError ?? 'no request answered' });
    if (checked.dropped > 0) log(`${name}: ${checked.dropped} request(s) left out (${checked.firstError})`);
  }
  const statements = await countStatements(
    app,
    pools,
    LOAD_QUERIES.filter((q) => requests.has(q)),
  );
  const floor = await checkFloorParity(app, db.url, pools, 40);
  log(`Statements: ${JSON.stringify(statements)}; floor answers equal the API's on ${floor.checked} requests`);
  await app.apollo.stop();

  const measured: Measured[] = [];
  const repetitions = { warmupSeconds: WARMUP_SECONDS, runs: RUNS };
  const record = (query: QueryName, server: Measured['server'], summary: LoadSummary) => {
    measured.push({ query, server, summary });
    log(
      `  ${server} ${query}: ${summary.reqPerSec.toFixed(0)} req/s, p50 ${summary.p50.toFixed(2)} ms, p99 ${summary.p99.toFixed(2)} ms, failures ${summary.failures}`,
    );
  };
  const api = await startChildServer({ entry: 'api-server.ts', databaseUrl: db.url, poolSize: POOL_SIZE });
  const floorServer = await startChildServer({ entry: 'floor-server.ts', databaseUrl: db.url, poolSize: POOL_SIZE });
  try {
    for (const query of LOAD_QUERIES) {
      if (!requests.has(query)) continue;
      const bodies = bodiesOf(requests.get(query)!);
      log(
        `${query}, ${CONNECTIONS} connections: warm-up ${WARMUP_SECONDS} s, ${RUNS} x ${SECONDS} s${FLOOR_QUERIES.includes(query) ? ', interleaved with the floor' : ''}`,
      );
      if (FLOOR_QUERIES.includes(query)) {
        const [ours, floor] = await measureInterleaved(
          { url: api.url, bodies, connections: CONNECTIONS, seconds: SECONDS },
          { url: floorServer.url, bodies, connections: CONNECTIONS, seconds: SECONDS },
          repetitions,
        );
        record(query, 'api', ours);
        record(query, 'floor', floor);
      } else
        record(
          query,
          'api',
          await measureLoad({ url: api.url, bodies, connections: CONNECTIONS, seconds: SECONDS, ...repetitions }),
        );
    }
    for (const query of LATENCY_QUERIES) {
      if (!requests.has(query)) continue;
      log(`${query}, 1 connection: warm-up ${WARMUP_SECONDS} s, ${RUNS} x ${SECONDS} s`);
      record(
        query,
        'api',
        await measureLoad({
          url: api.url,
          bodies: bodiesOf(requests.get(query)!),
          connections: 1,
          seconds: SECONDS,
          ...repetitions,
        }),
      );
    }
  } finally {
    await floorServer.stop();
    await api.stop();
  }
  // The same latency runs with the roll-up cache off: what a request costs when it must compute
  // (the first request after a write), beside the cached figures above.
  const uncached = await startChildServer({
    entry: 'api-server.ts',
    databaseUrl: db.url,
    poolSize: POOL_SIZE,
    env: { STATS_CACHE: 'off' },
  });
  try {
    for (const query of LATENCY_QUERIES) {
      if (!requests.has(query)) continue;
      log(`${query}, 1 connection, STATS_CACHE=off: warm-up ${WARMUP_SECONDS} s, ${RUNS} x ${SECONDS} s`);
      record(
        query,
        'api-nocache',
        await measureLoad({
          url: uncached.url,
          bodies: bodiesOf(requests.get(query)!),
          connections: 1,
          seconds: SECONDS,
          ...repetitions,
        }),
      );
    }
  } finally {
    await uncached.stop();
  }

  const outcomes: TargetOutcome[] = [];
  for (const target of TARGETS) {
    const value = targetValue(target, measured);
    const met = value === undefined ? undefined : target.kind === 'ratio' ? value >= target.min : value <= target.maxMs;
    if (met === false || (met !== undefined && process.env.BENCH_API_PROFILE === 'all')) {
      const profiled = await profileQuery(db.url, target, requests.get(target.query)!, log);
      const explained = await explainRequest(db.url, requests.get(target.query)![0]!);
      outcomes.push({ target, value, met, profile: profiled.summary, profileDir: profiled.dir, explained });
    } else outcomes.push({ target, value, met });
  }
  return { load, pools: poolSizes(pools), notMeasured, statements, floor, measured, outcomes };
}

function find(
  measured: readonly Measured[],
  query: QueryName,
  server: Measured['server'],
  connections: number,
): LoadSummary | undefined {
  return measured.find((m) => m.query === query && m.server === server && m.summary.connections === connections)
    ?.summary;
}

function targetValue(target: Target, measured: readonly Measured[]): number | undefined {
  if (target.kind === 'p99') return find(measured, target.query, 'api', 1)?.p99;
  const ours = find(measured, target.query, 'api', CONNECTIONS);
  const floor = find(measured, target.query, 'floor', CONNECTIONS);
  return ours && floor ? ours.reqPerSec / floor.reqPerSec : undefined;
}

/**
 * A fresh API server: one warm-up run, then V8's CPU profiler (the one behind `node --cpu-prof`)
 * during one measured run with the target's connections, so start-up and compilation stay out.
 */
async function profileQuery(
  databaseUrl: string,
  target: Target,
  requests: GraphQLRequest[],
  log: (message: string) => void,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ewl-bench-profile-${target.query}-`));
  const connections = target.kind === 'p99' ? 1 : CONNECTIONS;
  log(`Profiling ${target.query} (${connections} connection(s)) into ${dir}`);
  const server = await startChildServer({ entry: 'api-server.ts', databaseUrl, poolSize: POOL_SIZE });
  try {
    await runLoad({ url: server.url, bodies: bodiesOf(requests), connections, seconds: WARMUP_SECONDS });
    await server.startProfile();
    await runLoad({ url: server.url, bodies: bodiesOf(requests), connections, seconds: SECONDS });
    await server.stopProfile(path.join(dir, `${target.query}.cpuprofile`));
  } finally {
    await server.stop();
  }
  return { dir, summary: summariseCpuProfile(dir) };
}

function poolSizes(pools: KeyPools): Record<string, number> {
  return Object.fromEntries(Object.entries(pools).map(([k, v]) => [k, (v as unknown[]).length]));
}
