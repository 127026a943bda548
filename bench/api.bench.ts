import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/server/app';
import {
  checkFloorParity,
  checkPostGraphileParity,
  countStatements,
  type ParityReport,
  type StatementCount,
  validRequests,
} from './api-checks';
import { type GraphQLRequest, type KeyPools, type QueryName, readKeyPools, requestsFor } from './api-queries';
import { type ChildServer, startChildServer } from './child-server';
import { type ProfileSummary, summariseCpuProfile } from './cpu-profile';
import { type BenchDatabase } from './database';
import { type LoadReport, loadLargePortfolio } from './large-portfolio';
import { type LoadOptions, type LoadSummary, measureInterleavedAll, measureLoad, runLoad } from './load-runner';
import { toPostGraphileRequest } from './postgraphile/documents';
import { ensurePostGraphile } from './postgraphile/install';
import { type ExplainedStatement, explainRequest } from './sql-explain';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP ?? 5);
const RUNS = 3;
const CONNECTIONS = 10;
/** The server's default DB_POOL_SIZE; the floor gets the same. */
const POOL_SIZE = 10;
/**
 * The queries this run measures: all by default, or those named in `BENCH_API_QUERIES` (comma-separated,
 * e.g. `Q1d,Q2` for the shapes PostGraphile answers).
 */
function selectedQueries(): ReadonlySet<QueryName> {
  const all: readonly QueryName[] = ['Q1', 'Q1d', 'Q2', 'Q3', 'Q4', 'Q4s', 'Q5'];
  const wanted = process.env.BENCH_API_QUERIES?.split(',')
    .map((q) => q.trim())
    .filter((q) => q !== '');
  if (!wanted?.length) return new Set(all);
  const unknown = wanted.filter((q) => !all.includes(q as QueryName));
  if (unknown.length)
    throw new Error(`BENCH_API_QUERIES: unknown ${unknown.join(', ')}; expected some of ${all.join(', ')}`);
  return new Set(wanted as QueryName[]);
}
const SELECTED = selectedQueries();
const only = (queries: readonly QueryName[]) => queries.filter((q) => SELECTED.has(q));

/** Measured at 10 connections. */
const LOAD_QUERIES: readonly QueryName[] = only(['Q1', 'Q1d', 'Q2', 'Q3', 'Q4', 'Q5']);
/** Measured at 1 connection too (latency targets; Q4s only here). */
const LATENCY_QUERIES: readonly QueryName[] = only(['Q3', 'Q4', 'Q4s']);
const QUERIES: readonly QueryName[] = [...LOAD_QUERIES, ...only(['Q4s'])];
/** Served by the floor too. */
const FLOOR_QUERIES: readonly QueryName[] = only(['Q1', 'Q1d', 'Q2']);
/**
 * Served by PostGraphile 5 too (issue #11), from its own documents (bench/postgraphile/documents.ts);
 * none with BENCH_API_POSTGRAPHILE=off (it needs the npm registry on first use).
 */
const PEER_QUERIES: readonly QueryName[] = process.env.BENCH_API_POSTGRAPHILE === 'off' ? [] : only(['Q1d', 'Q2']);

export type Target =
  | { readonly query: QueryName; readonly kind: 'ratio'; readonly min: number }
  | { readonly query: QueryName; readonly kind: 'peer'; readonly min: number }
  | { readonly query: QueryName; readonly kind: 'statements'; readonly max: number }
  | { readonly query: QueryName; readonly kind: 'p99'; readonly maxMs: number };

/**
 * Issue #4 targets on the 2-core machine (ratio to the floor, p99), and issue #11's first (req/s
 * ratio to PostGraphile; statements per request at both sizes, the larger counted).
 */
export const TARGETS: readonly Target[] = [
  { query: 'Q1', kind: 'ratio', min: 0.35 },
  { query: 'Q2', kind: 'ratio', min: 0.25 },
  { query: 'Q3', kind: 'p99', maxMs: 10 },
  { query: 'Q4', kind: 'p99', maxMs: 50 },
  { query: 'Q1d', kind: 'peer', min: 1 },
  { query: 'Q2', kind: 'peer', min: 1 },
  { query: 'Q1d', kind: 'statements', max: 2 },
  { query: 'Q2', kind: 'statements', max: 3 },
];

export interface Measured {
  readonly query: QueryName;
  /**
   * api: the server as configured by default (roll-up cache on); api-nocache: STATS_CACHE=off; floor:
   * node:http + pg; postgraphile: PostGraphile 5.1.5, amber preset (bench/postgraphile/server.mjs).
   */
  readonly server: 'api' | 'api-nocache' | 'floor' | 'postgraphile';
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
  readonly floor: ParityReport;
  /** Undefined when no query PostGraphile answers was measured. */
  readonly postgraphile: ParityReport | undefined;
  readonly measured: readonly Measured[];
  readonly outcomes: readonly TargetOutcome[];
}

const bodiesOf = (requests: readonly GraphQLRequest[]) => requests.map((r) => JSON.stringify(r));

/**
 * Loads the large portfolio once, then measures Q1..Q5 against the real server, Q1, Q1d and Q2
 * against the floor, and Q1d and Q2 against PostGraphile (interleaved runs).
 */
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
  const floor = await checkFloorParity(
    app,
    db.url,
    pools,
    FLOOR_QUERIES.filter((q) => requests.has(q)),
    40,
  );
  log(`Statements: ${JSON.stringify(statements)}; floor answers equal the API's on ${floor.checked} requests`);
  const peerQueries = PEER_QUERIES.filter((q) => requests.has(q));
  const peer = peerQueries.length ? ensurePostGraphile(log) : undefined;
  const startPeer = (countStatements: boolean) =>
    startChildServer({
      entry: 'postgraphile/server.mjs',
      execPath: peer!.node,
      databaseUrl: db.url,
      poolSize: POOL_SIZE,
      countStatements,
      env: { BENCH_POSTGRAPHILE_DIR: peer!.dir, GRAPHILE_ENV: 'production', PORT: '0' },
    });
  let postgraphile: ParityReport | undefined;
  if (peer) {
    const counting = await startPeer(true);
    try {
      postgraphile = await checkPostGraphileParity(app, counting, pools, peerQueries, 40);
    } finally {
      await counting.stop();
    }
    log(
      `PostGraphile statements: ${JSON.stringify(postgraphile.statements)}; its answers equal the API's on ${postgraphile.checked} requests`,
    );
  }
  await app.apollo.stop();

  const measured: Measured[] = [];
  const repetitions = { warmupSeconds: WARMUP_SECONDS, runs: RUNS };
  const record = (query: QueryName, server: Measured['server'], summary: LoadSummary) => {
    measured.push({ query, server, summary });
    log(
      `  ${server} ${query}: ${summary.reqPerSec.toFixed(0)} req/s, p50 ${summary.p50.toFixed(2)} ms, p99 ${summary.p99.toFixed(2)} ms, failures ${summary.failures}${Number.isNaN(summary.cpu.server) ? '' : `, CPU ms/request: server ${summary.cpu.server.toFixed(2)}, PostgreSQL ${summary.cpu.postgres.toFixed(2)}, load generator ${summary.cpu.client.toFixed(2)}`}`,
    );
  };
  const api = await startChildServer({ entry: 'api-server.ts', databaseUrl: db.url, poolSize: POOL_SIZE });
  const floorServer = await startChildServer({ entry: 'floor-server.ts', databaseUrl: db.url, poolSize: POOL_SIZE });
  // Without statement counting, like the others (the parity check above ran a counting instance).
  const peerServer: ChildServer | undefined = peer ? await startPeer(false) : undefined;
  try {
    for (const query of LOAD_QUERIES) {
      if (!requests.has(query)) continue;
      const bodies = bodiesOf(requests.get(query)!);
      const sides: Array<{ server: Measured['server']; options: LoadOptions }> = [
        {
          server: 'api',
          options: { url: api.url, bodies, connections: CONNECTIONS, seconds: SECONDS, cpuOfPid: api.pid },
        },
      ];
      if (FLOOR_QUERIES.includes(query))
        sides.push({
          server: 'floor',
          options: {
            url: floorServer.url,
            bodies,
            connections: CONNECTIONS,
            seconds: SECONDS,
            cpuOfPid: floorServer.pid,
          },
        });
      if (peerServer && peerQueries.includes(query))
        sides.push({
          server: 'postgraphile',
          options: {
            url: peerServer.url,
            bodies: bodiesOf(requests.get(query)!.map(toPostGraphileRequest)),
            connections: CONNECTIONS,
            seconds: SECONDS,
            cpuOfPid: peerServer.pid,
          },
        });
      const others = sides.slice(1).map((side) => (side.server === 'floor' ? 'the floor' : 'PostGraphile'));
      log(
        `${query}, ${CONNECTIONS} connections: warm-up ${WARMUP_SECONDS} s, ${RUNS} x ${SECONDS} s${others.length ? `, interleaved with ${others.join(' and ')}` : ''}`,
      );
      if (sides.length > 1) {
        const summaries = await measureInterleavedAll(
          sides.map((side) => side.options),
          repetitions,
        );
        sides.forEach((side, i) => record(query, side.server, summaries[i]!));
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
    await peerServer?.stop();
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
  // One profile per query and connection count, shown once (Q2 has a floor and a PostGraphile target).
  const profiled = new Set<string>();
  for (const target of TARGETS.filter((t) => SELECTED.has(t.query))) {
    const value = targetValue(target, measured, statements);
    const met = value === undefined ? undefined : isMet(target, value);
    const profileKey = `${target.query} ${profileConnections(target)}`;
    if (target.kind === 'statements' || profiled.has(profileKey)) outcomes.push({ target, value, met });
    else if (met === false || (met !== undefined && process.env.BENCH_API_PROFILE === 'all')) {
      profiled.add(profileKey);
      const profile = await profileQuery(db.url, target, requests.get(target.query)!, log);
      const explained = await explainRequest(db.url, requests.get(target.query)![0]!);
      outcomes.push({ target, value, met, profile: profile.summary, profileDir: profile.dir, explained });
    } else outcomes.push({ target, value, met });
  }
  return { load, pools: poolSizes(pools), notMeasured, statements, floor, postgraphile, measured, outcomes };
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

function targetValue(
  target: Target,
  measured: readonly Measured[],
  statements: readonly StatementCount[],
): number | undefined {
  switch (target.kind) {
    case 'p99':
      return find(measured, target.query, 'api', 1)?.p99;
    case 'statements': {
      const counted = statements.find((s) => s.query === target.query);
      return counted && Math.max(counted.small.statements, counted.large.statements);
    }
    case 'ratio':
    case 'peer': {
      const ours = find(measured, target.query, 'api', CONNECTIONS);
      const other = find(measured, target.query, target.kind === 'ratio' ? 'floor' : 'postgraphile', CONNECTIONS);
      return ours && other ? ours.reqPerSec / other.reqPerSec : undefined;
    }
  }
}

function isMet(target: Target, value: number): boolean {
  switch (target.kind) {
    case 'p99':
      return value <= target.maxMs;
    case 'statements':
      return value <= target.max;
    case 'ratio':
    case 'peer':
      return value >= target.min;
  }
}

/** A p99 target is measured at one connection, the others at CONNECTIONS. */
const profileConnections = (target: Target) => (target.kind === 'p99' ? 1 : CONNECTIONS);

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
  const connections = profileConnections(target);
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
