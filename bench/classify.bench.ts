import 'reflect-metadata';
import { type DataSource } from 'typeorm';
import { reclassifyExperiments } from '../src/app/reclassify/reclassify';
import { analyseExperiment } from '../src/domain/analyse-experiment';
import type { AnalysisInput } from '../src/domain/analysis-types';
import { toStoredClassification } from '../src/domain/stored-classification';
import { benchInputs } from './classify-inputs';
import { type BenchDatabase } from './database';

const COUNT = (): number => Number(process.env.BENCH_EXPERIMENTS ?? 100_000);

/** Issue #3 target: the pure classification of 100,000 experiments (2 arms, 5 metrics) under 2 s on one core. */
export function benchPureClassification(): Record<string, number | string> {
  const inputs: AnalysisInput[] = [...benchInputs(COUNT())];
  const asOf = new Date('2026-11-01T00:00:00Z');
  // Warm-up (JIT) on a slice, not counted.
  for (const input of inputs.slice(0, 2000))
    toStoredClassification(input, analyseExperiment(input, { asOf, detail: false }));
  const runs: number[] = [];
  const categories: Record<string, number> = {};
  for (let run = 0; run < 3; run += 1) {
    const started = process.hrtime.bigint();
    for (const input of inputs) {
      const stored = toStoredClassification(input, analyseExperiment(input, { asOf, detail: false }));
      if (run === 0) categories[stored.category] = (categories[stored.category] ?? 0) + 1;
    }
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  runs.sort((a, b) => a - b);
  return {
    experiments: COUNT(),
    'median ms (3 runs)': Math.round(runs[1]!),
    'min ms': Math.round(runs[0]!),
    'µs per experiment': Number(((runs[1]! * 1000) / COUNT()).toFixed(2)),
    categories: JSON.stringify(categories),
  };
}

/** Loads COUNT() two-arm, five-metric experiments with bulk SQL (deterministic: setseed). */
async function loadBenchExperiments(dataSource: DataSource): Promise<number> {
  const started = Date.now();
  await dataSource.transaction(async (m) => {
    await m.query(`SELECT setseed(0.42)`);
    const [root] = await m.query(
      `INSERT INTO org_node (key, name, kind) VALUES ('bench-root', 'Bench', 'company') RETURNING id`,
    );
    await m.query(`INSERT INTO org_node_closure (ancestor_id, descendant_id, depth) VALUES ($1, $1, 0)`, [root.id]);
    await m.query(`INSERT INTO metric (key, name, type, preferred_direction) VALUES
      ('s1', 'S1', 'BINARY', 'INCREASE'), ('s2', 'S2', 'BINARY', 'INCREASE'), ('g1', 'G1', 'BINARY', 'INCREASE'),
      ('g2', 'G2', 'CONTINUOUS', 'INCREASE'), ('d1', 'D1', 'CONTINUOUS', 'DECREASE')`);
    await m.query(
      `
      INSERT INTO experiment (key, title, owner_node_id, kind, counts_toward_ewl, status, started_at, ended_at, concluded_at)
      SELECT 'bench-' || g, 'Bench experiment ' || g, $1, 'AB_TEST', true, 'CONCLUDED',
             timestamptz '2025-01-01' + (g % 600) * interval '1 day', timestamptz '2025-01-15' + (g % 600) * interval '1 day',
             timestamptz '2025-01-17' + (g % 600) * interval '1 day'
        FROM generate_series(1, $2::int) g`,
      [root.id, COUNT()],
    );
    await m.query(`
      INSERT INTO variant (experiment_id, key, name, is_control, planned_weight, units, multi_exposed_units, position)
      SELECT e.id, v.key, v.key, v.key = 'control', 1, 2000 + (abs(hashtext(e.key)) % 60000), 0, v.pos
        FROM experiment e CROSS JOIN (VALUES ('control', 0), ('treatment', 1)) AS v(key, pos)`);
    await m.query(`
      INSERT INTO experiment_metric (experiment_id, metric_id, role, mde, mde_scale, nim, nim_scale, position)
      SELECT e.id, mt.id, r.role, r.mde, CASE WHEN r.mde IS NULL THEN NULL ELSE 'RELATIVE' END, r.nim, CASE WHEN r.nim IS NULL THEN NULL ELSE 'RELATIVE' END, r.pos
        FROM experiment e CROSS JOIN (VALUES ('s1', 'SUCCESS', 0.05, NULL, 0), ('s2', 'SUCCESS', 0.05, NULL, 1), ('g1', 'GUARDRAIL', NULL, 0.02, 2),
                                            ('g2', 'GUARDRAIL', NULL, 0.02, 3), ('d1', 'DETERIORATION', NULL, NULL, 4)) AS r(key, role, mde, nim, pos)
        JOIN metric mt ON mt.key = r.key`);
    // Binary: p per metric with a normal draw of the count; continuous: mean/variance drawn around (10, 16) and (200, 2500).
    await m.query(`
      WITH base AS (
        SELECT em.id AS em_id, v.id AS v_id, v.units AS n, mt.key, mt.type,
               sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z1, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z2
          FROM experiment_metric em JOIN metric mt ON mt.id = em.metric_id JOIN variant v ON v.experiment_id = em.experiment_id)
      INSERT INTO metric_result (experiment_metric_id, variant_id, metric_type, n, sum, sum_sq)
      SELECT em_id, v_id, type, n, s, ss FROM (
        SELECT em_id, v_id, type, n,
               CASE WHEN type = 'BINARY' THEN greatest(0, least(n, round(n * p + z1 * sqrt(n * p * (1 - p))))) ELSE n * (mu + z1 * sd / sqrt(n)) END AS s,
               NULL::float8 AS ss_b, mu, sd, z1, z2, p
          FROM (SELECT *, CASE key WHEN 's1' THEN 0.1 WHEN 's2' THEN 0.3 ELSE 0.5 END AS p,
                          CASE key WHEN 'g2' THEN 10 ELSE 200 END AS mu, CASE key WHEN 'g2' THEN 4 ELSE 50 END AS sd FROM base) b
      ) x CROSS JOIN LATERAL (SELECT CASE WHEN type = 'BINARY' THEN s ELSE (sd * sd * greatest(0.5, 1 + z2 * sqrt(2.0 / (n - 1)))) * (n - 1) + s * s / n END AS ss) y`);
  });
  return Date.now() - started;
}

/** The same classification through `reclassify` against PostgreSQL (load, then recompute every stored row). */
export async function benchReclassify(db: BenchDatabase): Promise<Record<string, number | string>> {
  const loadMs = await loadBenchExperiments(db.dataSource);
  const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM metric_result`);
  const started = Date.now();
  const summary = await reclassifyExperiments(db.dataSource, { now: new Date() });
  const ms = Date.now() - started;
  return {
    experiments: summary.experiments,
    'metric results': n,
    'load ms': loadMs,
    'reclassify ms': ms,
    'experiments per s': Math.round((summary.experiments * 1000) / ms),
  };
}
