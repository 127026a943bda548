import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BadLine, DEFAULT_CONCURRENCY, importNdjsonFile } from '../src/app/import/ndjson-import';
import { insertRecords } from '../src/db/bulk-insert';
import { simulatePortfolio } from '../src/db/seed/simulate-portfolio';
import * as T from '../src/db/catalogue-tables';
import { type BenchDatabase } from './database';
import { writeImportFile } from './import-file';

/**
 * The issue #5 import benchmark portfolio: the demo simulator at the size of the issue #4 one
 * (5 companies x 14 departments x 14 teams, 100,000 experiments, about 9 results each), with a
 * fixed seed and a fixed anchor in the past (an import refuses dates in the future).
 * `BENCH_IMPORT_EXPERIMENTS` shrinks it for a trial of the harness.
 */
export const IMPORT_PORTFOLIO = {
  seed: 20_261_124,
  anchor: new Date('2026-11-01T00:00:00Z'),
  companies: 5,
  departmentsPerCompany: 14,
  teamsPerDepartment: 14,
  experiments: Number(process.env.BENCH_IMPORT_EXPERIMENTS ?? 100_000),
} as const;

const COUNTED_TABLES = [
  'experiment',
  'hypothesis',
  'variant',
  'experiment_metric',
  'metric_result',
  'decision',
  'experiment_classification',
  'experiment_classification_history',
] as const;

/**
 * Issue #5 target: `npm run import` of a 100,000-experiment NDJSON file in under 60 s against
 * PostgreSQL. Writes the file from the simulator (not timed), loads the org tree and the metric
 * catalogue into a fresh database (not timed), then times `importNdjsonFile`, the code path of
 * `npm run import` (without its argument parsing and printing), with the CLI's defaults: batches
 * of 1,000 lines, DEFAULT_CONCURRENCY batches in flight, a pool of IMPORT_POOL_SIZE connections.
 */
export async function benchImport(
  db: BenchDatabase,
  log: (message: string) => void,
): Promise<Record<string, number | string>> {
  const portfolio = simulatePortfolio(IMPORT_PORTFOLIO);
  const file = path.join(os.tmpdir(), `ewl-import-bench-${Date.now()}.ndjson`);
  try {
    const generating = Date.now();
    const written = await writeImportFile(portfolio, file);
    log(
      `wrote ${written.lines} lines (${(written.bytes / 2 ** 20).toFixed(0)} MiB) in ${((Date.now() - generating) / 1000).toFixed(1)} s`,
    );
    await db.dataSource.transaction(async (m) => {
      await insertRecords(m, T.ORG_NODE, portfolio.orgNodes);
      await insertRecords(m, T.ORG_NODE_CLOSURE, portfolio.orgNodeClosure);
      await insertRecords(m, T.METRIC, portfolio.metrics);
    });
    const bad: BadLine[] = [];
    const startedMs = Date.now();
    let lastLog = startedMs;
    const started = process.hrtime.bigint();
    const summary = await importNdjsonFile(db.dataSource, file, {
      source: 'bench',
      onBadLine: (line) => bad.push(line),
      onProgress: (p) => {
        if (Date.now() - lastLog < 10_000) return;
        lastLog = Date.now();
        log(
          `${p.created + p.updated + p.unchanged + p.failed} lines, ${((Date.now() - startedMs) / 1000).toFixed(0)} s`,
        );
      },
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const counts: Array<{ t: string; n: number }> = await db.dataSource.query(
      COUNTED_TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(' UNION ALL '),
    );
    const categories: Array<{ category: string; n: number }> = await db.dataSource.query(
      'SELECT category, count(*)::int AS n FROM experiment_classification GROUP BY category ORDER BY n DESC',
    );
    const rowsWritten = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    return {
      'lines (experiments)': written.lines,
      'file MiB': Number((written.bytes / 2 ** 20).toFixed(1)),
      'metric results in the file': written.results,
      'batch (lines per transaction) / batches in flight': `1000 / ${DEFAULT_CONCURRENCY}`,
      'import wall s': Number(seconds.toFixed(1)),
      'experiments/s': Math.round((summary.created + summary.updated + summary.unchanged) / seconds),
      'created / updated / unchanged / failed': `${summary.created} / ${summary.updated} / ${summary.unchanged} / ${summary.failed}`,
      'rows written (experiments, variants, experiment metrics, hypotheses, results, decisions)': rowsWritten,
      'rows written per table': JSON.stringify(summary.rows),
      'rows in the database': JSON.stringify(Object.fromEntries(counts.map((c) => [c.t, c.n]))),
      categories: JSON.stringify(Object.fromEntries(categories.map((c) => [c.category, c.n]))),
      'first bad lines': JSON.stringify(bad.slice(0, 3).map((b) => ({ line: b.line, message: b.errors[0]?.message }))),
    };
  } finally {
    fs.rmSync(file, { force: true });
  }
}
