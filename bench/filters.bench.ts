import { type DataSource } from 'typeorm';
import { type ExperimentFilter } from '../src/db/queries/experiment-filter-reads';
import { experimentPageStatement } from '../src/db/queries/experiment-page-reads';
import { parseExperimentPageArgs } from '../src/graphql/page-args';
import { createApp } from '../src/server/app';
import { execute, validRequests } from './api-checks';
import { readKeyPools, requestsFor } from './api-queries';
import { startChildServer } from './child-server';
import { createBenchDatabase } from './database';
import { LARGE_PORTFOLIO, loadLargePortfolio } from './large-portfolio';
import { type LoadSummary, measureLoad } from './load-runner';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP ?? 5);
const RUNS = Number(process.env.BENCH_API_RUNS ?? 3);
const POOL_SIZE = 10;
/** Catalogue sizes compared (issue #11 target 2: 10,000 and 100,000). */
const SIZES = (process.env.BENCH_FILTERS_SIZES ?? '10000,100000').split(',').map(Number);
const DAY_MS = 86_400_000;

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly 'Shared Hit Blocks'?: number;
  readonly 'Shared Read Blocks'?: number;
  readonly Plans?: readonly PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

export interface FilterPlan {
  readonly criterion: string;
  /** How the page statement reads the experiment table: the scan types and indexes. */
  readonly experimentAccess: string;
  readonly seqScan: boolean;
  readonly sorted: boolean;
  readonly executionMs: number;
  readonly buffers: number;
}

export interface SizeReport {
  readonly experiments: number;
  readonly loadSeconds: number;
  readonly plans: readonly FilterPlan[];
  readonly q5Statements: number;
  readonly q5: { readonly tenConnections: LoadSummary; readonly oneConnection: LoadSummary };
  /** Q2 (a team page) and Q3 (a company's stats) at one connection with STATS_CACHE=off: what a page costs cold. */
  readonly cold: ReadonlyArray<{
    readonly query: 'Q2' | 'Q3';
    readonly statements: number;
    readonly summary: LoadSummary;
  }>;
}

/** The cold queries of the scaling table (issue #11 target 6), with STATS_CACHE=off at one connection. */
const COLD_QUERIES = ['Q2', 'Q3'] as const;

/** One criterion of each kind, with values picked from the loaded portfolio. */
async function criteria(dataSource: DataSource): Promise<Array<[string, ExperimentFilter]>> {
  const one = async (sql: string) => ((await dataSource.query(sql)) as Array<{ v: string }>)[0]!.v;
  const company = await one(`SELECT id AS v FROM org_node WHERE parent_id IS NULL ORDER BY key LIMIT 1`);
  const team = await one(`SELECT key AS v FROM org_node WHERE kind = 'team' ORDER BY md5(key) LIMIT 1`);
  const tags = (
    (await dataSource.query(
      `SELECT tag AS v FROM (SELECT unnest(tags) AS tag FROM experiment) t GROUP BY tag ORDER BY count(*) DESC, tag`,
    )) as Array<{ v: string }>
  ).map((r) => r.v);
  const surface = await one(`SELECT surface AS v FROM experiment WHERE surface IS NOT NULL
    GROUP BY surface ORDER BY count(*) DESC, surface LIMIT 1`);
  const weekFrom = new Date(LARGE_PORTFOLIO.anchor.getTime() - 365 * DAY_MS);
  const weekTo = new Date(weekFrom.getTime() + 7 * DAY_MS);
  return [
    ['none', {}],
    ['ownerNodeId (a company)', { ownerNodeId: company }],
    ['ownerNodeKey (a team)', { ownerNodeKey: team }],
    ['status STOPPED', { status: ['STOPPED'] }],
    ['kind AA_TEST', { kind: ['AA_TEST'] }],
    [`tagsAny (most used: ${tags[0]})`, { tagsAny: [tags[0]!] }],
    [`tagsAny (20th: ${tags[19]})`, { tagsAny: [tags[19]!] }],
    [`tagsAll (${tags[0]}, ${tags[19]})`, { tagsAll: [tags[0]!, tags[19]!] }],
    [`surface (${surface})`, { surface: [surface] }],
    ['started in one week', { startedFrom: weekFrom, startedTo: weekTo }],
    ['ended in one week', { endedFrom: weekFrom, endedTo: weekTo }],
    ['concluded in one week', { concludedFrom: weekFrom, concludedTo: weekTo }],
    ['decisionKind NONE', { decisionKind: ['NONE'] }],
    ['search "checkout"', { search: 'checkout' }],
    ['category WIN', { category: ['WIN'] }],
    ['category PENDING', { category: ['PENDING'] }],
    ['validity INVALID', { validity: ['INVALID'] }],
    ['isLearning true', { isLearning: true }],
    ['isLearning false', { isLearning: false }],
    ['recommendation INVESTIGATE', { recommendation: ['INVESTIGATE'] }],
    [`Q5's filter (tagsAny ${tags[0]}, isLearning)`, { tagsAny: [tags[0]!], isLearning: true }],
    [`Q5's filter (tagsAny ${tags[19]}, isLearning)`, { tagsAny: [tags[19]!], isLearning: true }],
  ];
}

/**
 * The plan PostgreSQL runs for each criterion's first page of 100 (default order, newest first):
 * EXPLAIN (ANALYZE, BUFFERS) of a second run, so the page's own reads, not the cache's state, count.
 * The bench check behind "each filter index-backed" at the catalogue sizes that matter; the
 * integration test experiments-filter-plans checks the indexes and orders on a small catalogue.
 */
async function explainFilters(dataSource: DataSource): Promise<FilterPlan[]> {
  const plans: FilterPlan[] = [];
  for (const [criterion, filter] of await criteria(dataSource)) {
    const statement = experimentPageStatement(parseExperimentPageArgs({ filter, first: 100 }));
    const explain = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`;
    await dataSource.query(explain, [...statement.values]);
    const [row] = await dataSource.query(explain, [...statement.values]);
    const [result] = row['QUERY PLAN'] as Array<{ Plan: PlanNode; 'Execution Time': number }>;
    const nodes = nodesOf(result!.Plan);
    const onExperiment = nodes.filter((n) => n['Relation Name'] === 'experiment');
    plans.push({
      criterion,
      experimentAccess: [
        ...new Set(onExperiment.map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`)),
      ].join(', '),
      seqScan: onExperiment.some((n) => n['Node Type'] === 'Seq Scan'),
      sorted: nodes.some((n) => n['Node Type'].endsWith('Sort')),
      executionMs: result!['Execution Time'],
      buffers: (result!.Plan['Shared Hit Blocks'] ?? 0) + (result!.Plan['Shared Read Blocks'] ?? 0),
    });
  }
  return plans;
}

/** Loads the portfolio with `experiments` experiments, checks the filter plans, then loads Q5. */
async function benchSize(experiments: number, log: (message: string) => void): Promise<SizeReport> {
  const db = await createBenchDatabase(10, `portfolio_${experiments}`);
  try {
    log(`Loading ${experiments} experiments into ${db.url} ...`);
    const load = await loadLargePortfolio(db.dataSource, log, experiments);
    const plans = await explainFilters(db.dataSource);
    const app = await createApp({
      dataSource: db.dataSource,
      logger: { error: () => undefined },
      allowAnonymousReads: true,
    });
    const pools = await readKeyPools(db.dataSource);
    const checked = await validRequests(app, requestsFor('Q5', pools));
    if (checked.valid.length === 0) throw new Error(`Q5 does not answer: ${checked.firstError}`);
    const q5Statements = (await execute(app, checked.valid[0]!)).statements;
    const coldRequests = [];
    for (const query of COLD_QUERIES) {
      const valid = await validRequests(app, requestsFor(query, pools));
      if (valid.valid.length === 0) throw new Error(`${query} does not answer: ${valid.firstError}`);
      const statements = (await execute(app, valid.valid[0]!)).statements;
      coldRequests.push({ query, statements, bodies: valid.valid.map((r) => JSON.stringify(r)) });
    }
    await app.apollo.stop();
    const bodies = checked.valid.map((r) => JSON.stringify(r));
    const server = await startChildServer({ entry: 'api-server.ts', databaseUrl: db.url, poolSize: POOL_SIZE });
    try {
      const repetitions = { warmupSeconds: WARMUP_SECONDS, runs: RUNS, seconds: SECONDS, url: server.url, bodies };
      log(`Q5 at ${experiments}: 10 connections, then 1`);
      const tenConnections = await measureLoad({ ...repetitions, connections: 10 });
      const oneConnection = await measureLoad({ ...repetitions, connections: 1 });
      const cold = await measureCold(db.url, experiments, coldRequests, log);
      return {
        experiments,
        loadSeconds: load.loadSeconds,
        plans,
        q5Statements,
        q5: { tenConnections, oneConnection },
        cold,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

/** Each cold query at one connection against a server with STATS_CACHE=off. */
async function measureCold(
  databaseUrl: string,
  experiments: number,
  requests: ReadonlyArray<{ query: (typeof COLD_QUERIES)[number]; statements: number; bodies: string[] }>,
  log: (message: string) => void,
): Promise<SizeReport['cold']> {
  const server = await startChildServer({
    entry: 'api-server.ts',
    databaseUrl,
    poolSize: POOL_SIZE,
    env: { STATS_CACHE: 'off' },
  });
  try {
    const cold = [];
    for (const { query, statements, bodies } of requests) {
      log(`${query} at ${experiments}: 1 connection, STATS_CACHE=off`);
      const summary = await measureLoad({
        warmupSeconds: WARMUP_SECONDS,
        runs: RUNS,
        seconds: SECONDS,
        url: server.url,
        bodies,
        connections: 1,
      });
      cold.push({ query, statements, summary });
    }
    return cold;
  } finally {
    await server.stop();
  }
}

/** Issue #11 target 2: every `experiments` filter's page plan, and Q5's throughput and latency, per catalogue size. */
export async function benchFilters(log: (message: string) => void): Promise<SizeReport[]> {
  const reports: SizeReport[] = [];
  for (const experiments of SIZES) reports.push(await benchSize(experiments, log));
  return reports;
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);

export function renderFiltersReport(reports: readonly SizeReport[]): string {
  const lines: string[] = [];
  lines.push('| experiments | connections | req/s | p50 ms | p99 ms | runs (req/s) | statements per request |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of reports) {
    for (const s of [r.q5.tenConnections, r.q5.oneConnection]) {
      const runs = s.runs.map((run) => run.reqPerSec.toFixed(0)).join(' / ');
      lines.push(
        `| ${r.experiments} | ${s.connections} | ${s.reqPerSec.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p99)} | ${runs} | ${r.q5Statements} |`,
      );
    }
  }
  const [small, large] = [reports[0], reports[reports.length - 1]];
  if (small && large && small !== large) {
    const ratio = large.q5.oneConnection.p50 / small.q5.oneConnection.p50;
    lines.push('', `Q5 p50 at 1 connection, ${large.experiments} / ${small.experiments}: ${ratio.toFixed(2)}`);
    lines.push('', renderScaling(small, large));
  }
  for (const r of reports) {
    lines.push('', `Page plans at ${r.experiments} experiments (first: 100, newest first):`, '');
    lines.push('| criterion | experiment read by | Seq Scan | Sort | ms | buffers |');
    lines.push('| --- | --- | --- | --- | --- | --- |');
    for (const p of r.plans) {
      lines.push(
        `| ${p.criterion} | ${p.experimentAccess} | ${p.seqScan ? '**yes**' : 'no'} | ${p.sorted ? 'yes' : 'no'} | ${ms(p.executionMs)} | ${p.buffers} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The scaling table: each query's one-connection latency at the smallest and largest size, and their ratio. */
function renderScaling(small: SizeReport, large: SizeReport): string {
  const rows: Array<[string, LoadSummary, LoadSummary, number]> = [
    ['Q5 (learning page of a tag)', small.q5.oneConnection, large.q5.oneConnection, large.q5Statements],
    ...COLD_QUERIES.map((query): [string, LoadSummary, LoadSummary, number] => {
      const at = (r: SizeReport) => r.cold.find((c) => c.query === query)!;
      return [`${query} (cold, STATS_CACHE=off)`, at(small).summary, at(large).summary, at(large).statements];
    }),
  ];
  const lines = [
    `| query (1 connection) | ${small.experiments}: p50 / p99 ms | ${large.experiments}: p50 / p99 ms | p50 ratio | p99 ratio | statements |`,
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const [name, a, b, statements] of rows) {
    lines.push(
      `| ${name} | ${ms(a.p50)} / ${ms(a.p99)} | ${ms(b.p50)} / ${ms(b.p99)} | ${(b.p50 / a.p50).toFixed(2)} | ${(b.p99 / a.p99).toFixed(2)} | ${statements} |`,
    );
  }
  return lines.join('\n');
}
