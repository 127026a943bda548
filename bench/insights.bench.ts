import { type DataSource } from 'typeorm';
import { createApp } from '../src/server/app';
import { execute, validRequests } from './api-checks';
import { type GraphQLRequest } from './api-queries';
import { startChildServer } from './child-server';
import { createBenchDatabase } from './database';
import { LARGE_PORTFOLIO, loadLargePortfolio } from './large-portfolio';
import { type LoadSummary, measureLoad } from './load-runner';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP ?? 5);
const RUNS = Number(process.env.BENCH_API_RUNS ?? 3);
const POOL_SIZE = 10;
const EXPERIMENTS = Number(process.env.BENCH_API_EXPERIMENTS ?? LARGE_PORTFOLIO.experiments);

/** What a metric page shows: counts, histogram, model, shipped impact, the top arms. */
const VIEW = `experiments arms betterArms worseArms byRole { role arms } histogram { lower upper count }
  model { k mean meanInterval { lower upper } tau i2 } modelUnavailableReason
  shippedImpact { arms naiveSum shrunkSum shrunkInterval { lower upper } ratio }
  effects(orderBy: SHRUNK_EFFECT, first: 20) { experimentKey variantKey effect shrunk { effect shrinkage } }`;

/** M1: a whole company's metric view (issue #12 target: p99 < 100 ms at one connection). */
export const M1 = `query M1($key: String!, $metric: String!) { orgNode(key: $key) { metricInsight(metricKey: $metric) { ${VIEW} } } }`;
/** M2: the same over every experiment (the portfolio form). */
export const M2 = `query M2($metric: String!) { metricInsight(metricKey: $metric) { ${VIEW} } }`;
/** M3: every node's learning and shipping rate with its decision debt count (a tree with the companion numbers). */
export const M3 = `query M3 { orgNodes { key stats { learningRate { value } shippingRate { value } decisionDebt { count } } } }`;

export interface InsightsReport {
  readonly experiments: number;
  readonly loadSeconds: number;
  readonly effects: number;
  readonly rows: ReadonlyArray<{ query: string; statements: number; arms: number; oneConnection: LoadSummary }>;
}

/** The companies and the five metrics with the most stored effects. */
async function pools(dataSource: DataSource): Promise<{ companies: string[]; metrics: string[] }> {
  const companies = (
    (await dataSource.query(`SELECT key FROM org_node WHERE parent_id IS NULL ORDER BY key`)) as Array<{
      key: string;
    }>
  ).map((r) => r.key);
  const metrics = (
    (await dataSource.query(`SELECT m.key FROM experiment_metric_effect f JOIN experiment_metric em ON em.id = f.experiment_metric_id
      JOIN metric m ON m.id = em.metric_id GROUP BY m.key ORDER BY count(*) DESC, m.key LIMIT 5`)) as Array<{
      key: string;
    }>
  ).map((r) => r.key);
  return { companies, metrics };
}

/** Issue #12 section 4: the metric views over the large portfolio, at one connection. */
export async function benchInsights(log: (message: string) => void): Promise<InsightsReport> {
  const db = await createBenchDatabase(10, `portfolio_${EXPERIMENTS}`);
  try {
    log(`Loading ${EXPERIMENTS} experiments into ${db.url} ...`);
    const load = await loadLargePortfolio(db.dataSource, log, EXPERIMENTS);
    const counted = (await db.dataSource.query('SELECT count(*)::int AS n FROM experiment_metric_effect')) as Array<{
      n: number;
    }>;
    const effects = counted[0]?.n ?? 0;
    const { companies, metrics } = await pools(db.dataSource);
    const requests: Record<string, GraphQLRequest[]> = {
      M1: companies.flatMap((key) =>
        metrics.map((metric) => ({ operationName: 'M1', query: M1, variables: { key, metric } })),
      ),
      M2: metrics.map((metric) => ({ operationName: 'M2', query: M2, variables: { metric } })),
      M3: [{ operationName: 'M3', query: M3, variables: {} }],
    };
    const app = await createApp({
      dataSource: db.dataSource,
      logger: { error: () => undefined },
      allowAnonymousReads: true,
    });
    const checked: Record<string, { bodies: string[]; statements: number; arms: number }> = {};
    for (const [name, list] of Object.entries(requests)) {
      const { valid, firstError } = await validRequests(app, list);
      if (valid.length !== list.length) throw new Error(`${name} does not answer: ${firstError}`);
      const first = await execute(app, valid[0]!);
      const data = first.data as { orgNode?: { metricInsight: { arms: number } }; metricInsight?: { arms: number } };
      checked[name] = {
        bodies: valid.map((r) => JSON.stringify(r)),
        statements: first.statements,
        arms: data.orgNode?.metricInsight.arms ?? data.metricInsight?.arms ?? 0,
      };
    }
    await app.apollo.stop();
    const server = await startChildServer({
      entry: 'api-server.ts',
      databaseUrl: db.url,
      poolSize: POOL_SIZE,
      env: { STATS_CACHE: 'off' },
    });
    try {
      const rows: InsightsReport['rows'][number][] = [];
      for (const [name, c] of Object.entries(checked)) {
        log(`${name}: 1 connection, STATS_CACHE=off`);
        const oneConnection = await measureLoad({
          url: server.url,
          bodies: c.bodies,
          connections: 1,
          seconds: SECONDS,
          warmupSeconds: WARMUP_SECONDS,
          runs: RUNS,
        });
        rows.push({ query: name, statements: c.statements, arms: c.arms, oneConnection });
      }
      return { experiments: EXPERIMENTS, loadSeconds: load.loadSeconds, effects, rows };
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);

export function renderInsightsReport(r: InsightsReport): string {
  const lines = [
    `${r.experiments} experiments, ${r.effects} stored arm effects; STATS_CACHE=off, 1 connection, ${RUNS} runs of ${SECONDS} s.`,
    '',
    '| query | req/s | p50 ms | p99 ms | runs (req/s) | statements per request | arms of the first request |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of r.rows) {
    const s = row.oneConnection;
    const runs = s.runs.map((run) => run.reqPerSec.toFixed(0)).join(' / ');
    lines.push(
      `| ${row.query} | ${s.reqPerSec.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p99)} | ${runs} | ${row.statements} | ${row.arms} |`,
    );
  }
  return lines.join('\n');
}
