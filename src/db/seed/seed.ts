import { type DataSource, type EntityManager } from 'typeorm';
import { classifyAndStore } from '../queries/classification-writes';
import { insertRecords } from '../bulk-insert';
import { type KeptApiKeys, restoreApiKeys, stashApiKeys } from './kept-api-keys';
import { DAY_MS } from './lifecycle';
import { type PortfolioParams, simulatePortfolio } from './simulate-portfolio';
import * as T from '../catalogue-tables';

export interface SeedSummary {
  readonly orgNodes: number;
  readonly experiments: number;
}

/** Rows inserted per table by one seeding run. */
export interface SeedCounts extends SeedSummary {
  readonly orgNodeClosure: number;
  readonly metrics: number;
  readonly hypotheses: number;
  readonly variants: number;
  readonly experimentMetrics: number;
  readonly metricResults: number;
  readonly healthChecks: number;
  readonly decisions: number;
  readonly learnings: number;
  readonly learningExperiments: number;
  readonly learningHypotheses: number;
}

export interface SeedOptions extends Partial<PortfolioParams> {
  /** Empty every catalogue table first (in the same transaction). */
  readonly reset?: boolean;
  /** Experiments simulated and inserted per batch. */
  readonly chunkSize?: number;
  readonly log?: (message: string) => void;
  /** Time stamped on the stored classifications (default: now). */
  readonly classifiedAt?: Date;
}

/** The demo portfolio's seed: fixed, so every fresh install shows the same data. */
export const DEMO_SEED = 20_260_101;
/** Serialises concurrent seeders (two servers starting on one empty database). */
const SEED_LOCK_KEY = 7_346_001;

/** Midnight UTC of the current day: the demo's two years end today, and re-seeding on one day is identical. */
export function defaultAnchor(now: Date = new Date()): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

/** Empties every catalogue table and restarts identity sequences (decision.seq). */
export async function resetCatalogue(manager: EntityManager): Promise<void> {
  await manager.query(`TRUNCATE ${T.CATALOGUE_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
}

async function insertPortfolio(manager: EntityManager, options: SeedOptions): Promise<SeedCounts> {
  const log = options.log ?? (() => undefined);
  const { companies, departmentsPerCompany, teamsPerDepartment, experiments, departmentOwnedShare } = options;
  const portfolio = simulatePortfolio({
    seed: options.seed ?? DEMO_SEED,
    anchor: options.anchor ?? defaultAnchor(),
    companies,
    departmentsPerCompany,
    teamsPerDepartment,
    experiments,
    departmentOwnedShare,
  });
  await insertRecords(manager, T.ORG_NODE, portfolio.orgNodes);
  await insertRecords(manager, T.ORG_NODE_CLOSURE, portfolio.orgNodeClosure);
  await insertRecords(manager, T.METRIC, portfolio.metrics);
  const counts = {
    orgNodes: portfolio.orgNodes.length,
    orgNodeClosure: portfolio.orgNodeClosure.length,
    metrics: portfolio.metrics.length,
    experiments: 0,
    hypotheses: 0,
    variants: 0,
    experimentMetrics: 0,
    metricResults: 0,
    healthChecks: 0,
    decisions: 0,
    learnings: 0,
    learningExperiments: 0,
    learningHypotheses: 0,
  };
  for (const chunk of portfolio.chunks(options.chunkSize ?? 2_000)) {
    // Parents before children, so every foreign key already resolves.
    await insertRecords(manager, T.EXPERIMENT, chunk.experiments);
    await insertRecords(manager, T.HYPOTHESIS, chunk.hypotheses);
    await insertRecords(manager, T.VARIANT, chunk.variants);
    await insertRecords(manager, T.EXPERIMENT_METRIC, chunk.experimentMetrics);
    await insertRecords(manager, T.METRIC_RESULT, chunk.metricResults);
    await insertRecords(manager, T.HEALTH_CHECK, chunk.healthChecks);
    await insertRecords(manager, T.DECISION, chunk.decisions);
    await insertRecords(manager, T.LEARNING, chunk.learnings);
    await insertRecords(manager, T.LEARNING_EXPERIMENT, chunk.learningExperiments);
    await insertRecords(manager, T.LEARNING_HYPOTHESIS, chunk.learningHypotheses);
    // Stored classifications are written with their inputs, in the same transaction (docs/ewl-rules.md §14).
    await classifyAndStore(
      manager,
      chunk.experiments.map((e) => e.id),
      options.classifiedAt ?? new Date(),
      'SEEDED',
    );
    counts.experiments += chunk.experiments.length;
    counts.hypotheses += chunk.hypotheses.length;
    counts.variants += chunk.variants.length;
    counts.experimentMetrics += chunk.experimentMetrics.length;
    counts.metricResults += chunk.metricResults.length;
    counts.healthChecks += chunk.healthChecks.length;
    counts.decisions += chunk.decisions.length;
    counts.learnings += chunk.learnings.length;
    counts.learningExperiments += chunk.learningExperiments.length;
    counts.learningHypotheses += chunk.learningHypotheses.length;
    log(`  ${counts.experiments} / ${portfolio.params.experiments} experiments`);
  }
  return counts;
}

/** What one seeding run wrote: rows per table, and with a reset, the API keys it kept. */
export type SeedResult = SeedCounts & { apiKeys?: KeptApiKeys };

/**
 * Simulates the demo portfolio (see `simulatePortfolio`) and bulk-inserts it with `manager`, the
 * EntityManager of the caller's transaction (the embedded database has a single connection).
 * With `reset`, empties the catalogue first, keeping the API keys (kept-api-keys.ts). Defaults:
 * the demo seed, an anchor at today's midnight UTC, 1 company, 4 departments, 20 teams, 500
 * experiments. Entry points (`npm run seed`, the server's start-up) run it as an audited command
 * (src/app/catalogue/seed-commands.ts).
 */
export async function writeDemoData(manager: EntityManager, options: SeedOptions = {}): Promise<SeedResult> {
  if (!options.reset) return insertPortfolio(manager, options);
  const stash = await stashApiKeys(manager);
  await resetCatalogue(manager);
  const counts = await insertPortfolio(manager, options);
  return { ...counts, apiKeys: await restoreApiKeys(manager, stash) };
}

/** `writeDemoData` in a transaction of its own, unaudited: the fixture of tests and benchmarks. */
export function seedDemoData(dataSource: DataSource, options: SeedOptions = {}): Promise<SeedResult> {
  return dataSource.transaction((manager) => writeDemoData(manager, options));
}

/**
 * Fills an empty database with the demo portfolio, with the EntityManager of the caller's
 * transaction; returns null when data already exists. "Empty" means no experiments, org nodes or
 * metrics (the demo keys would clash with existing ones); the check runs under a transaction-level
 * advisory lock, so two servers starting together on one database seed it once.
 */
export async function writeDemoDataIfEmpty(
  manager: EntityManager,
  options: { log?: (message: string) => void } = {},
): Promise<SeedResult | null> {
  const log = options.log ?? (() => undefined);
  await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
  const [row] = await manager.query(
    'SELECT EXISTS (SELECT 1 FROM experiment) OR EXISTS (SELECT 1 FROM org_node) OR EXISTS (SELECT 1 FROM metric) AS "hasData"',
  );
  if (row.hasData) return null;
  const started = Date.now();
  log('Empty database: inserting the demo portfolio...');
  const counts = await insertPortfolio(manager, { log });
  log(`Demo portfolio inserted in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return counts;
}

/** `writeDemoDataIfEmpty` in a transaction of its own, unaudited (tests); undefined when data exists. */
export async function seedDemoDataIfEmpty(
  dataSource: DataSource,
  options: { log?: (message: string) => void } = {},
): Promise<SeedSummary | undefined> {
  const counts = await dataSource.transaction((manager) => writeDemoDataIfEmpty(manager, options));
  return counts === null ? undefined : { orgNodes: counts.orgNodes, experiments: counts.experiments };
}
