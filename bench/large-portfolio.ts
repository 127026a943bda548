import { type DataSource } from 'typeorm';
import { seedDemoData } from '../src/db/seed/seed';

/**
 * The issue #4 benchmark portfolio: the demo simulator at scale. 5 companies x 14 departments x 14
 * teams (1,055 org nodes), 100,000 experiments (about 9.2 metric results each). Fixed seed and
 * anchor, so every run loads the same rows with the same ids. `BENCH_API_EXPERIMENTS` shrinks it
 * for a quick trial of the harness (the numbers in BENCHMARKS.md use the default).
 */
export const LARGE_PORTFOLIO = {
  seed: 20_261_124,
  anchor: new Date('2026-11-24T00:00:00Z'),
  companies: 5,
  departmentsPerCompany: 14,
  teamsPerDepartment: 14,
  experiments: Number(process.env.BENCH_API_EXPERIMENTS ?? 100_000),
  chunkSize: 2_000,
} as const;

const COUNTED_TABLES = [
  'org_node',
  'org_node_closure',
  'metric',
  'experiment',
  'hypothesis',
  'variant',
  'experiment_metric',
  'metric_result',
  'health_check',
  'decision',
  'learning',
  'learning_experiment',
  'experiment_classification',
] as const;

export interface LoadReport {
  /** simulatePortfolio + bulk inserts + stored classifications, one transaction. */
  readonly loadSeconds: number;
  /** VACUUM ANALYZE afterwards (planner statistics and visibility map, as autovacuum would leave them). */
  readonly analyzeSeconds: number;
  readonly rows: Record<(typeof COUNTED_TABLES)[number], number>;
  readonly categories: Record<string, number>;
}

/**
 * Loads the portfolio into an empty, migrated database through `seedDemoData` (bulk unnest inserts),
 * with `experiments` experiments (the same tree, seed and anchor: a smaller catalogue for scaling).
 */
export async function loadLargePortfolio(
  dataSource: DataSource,
  log: (message: string) => void,
  experiments: number = LARGE_PORTFOLIO.experiments,
): Promise<LoadReport> {
  const [counted] = (await dataSource.query('SELECT count(*)::int AS n FROM experiment')) as Array<{ n: number }>;
  const present = counted?.n ?? 0;
  if (present === experiments) {
    log(`The database already holds ${experiments} experiments (BENCH_REUSE_DATABASES): not loaded again`);
    return { loadSeconds: 0, analyzeSeconds: 0, ...(await countRows(dataSource)) };
  }
  if (present !== 0)
    throw new Error(`The benchmark database holds ${present} experiments, expected 0 or ${experiments}`);
  const started = process.hrtime.bigint();
  let lastLog = 0;
  await seedDemoData(dataSource, {
    ...LARGE_PORTFOLIO,
    experiments,
    classifiedAt: LARGE_PORTFOLIO.anchor,
    log: (message) => {
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(message.trim());
      }
    },
  });
  const loaded = process.hrtime.bigint();
  await dataSource.query('VACUUM ANALYZE');
  const analyzed = process.hrtime.bigint();
  return {
    loadSeconds: Number(loaded - started) / 1e9,
    analyzeSeconds: Number(analyzed - loaded) / 1e9,
    ...(await countRows(dataSource)),
  };
}

/** The loaded rows per table and the classifications per category. */
async function countRows(dataSource: DataSource): Promise<Pick<LoadReport, 'rows' | 'categories'>> {
  const counts: Array<{ t: string; n: number }> = await dataSource.query(
    COUNTED_TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(' UNION ALL '),
  );
  const categories: Array<{ category: string; n: number }> = await dataSource.query(
    `SELECT category, count(*)::int AS n FROM experiment_classification GROUP BY category ORDER BY n DESC`,
  );
  return {
    rows: Object.fromEntries(counts.map((c) => [c.t, c.n])) as LoadReport['rows'],
    categories: Object.fromEntries(categories.map((c) => [c.category, c.n])),
  };
}
