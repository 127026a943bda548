import { daysRunSql, ranLongerThanPlannedSql } from '../sql/ewl-rules.sql';
import { type CompanionCounts } from '../../domain/companion-numbers';

/**
 * The companion numbers of a roll-up statement (docs/ewl-rules.md §7.1): days run, the overrun
 * share and the precision medians, over the concluded experiments of each (group, window). Medians
 * are not sums, so both paths of the statement (`rollup-reads.ts`, `rollup-summary-sql.ts`) build
 * the same relation `cr(node_id, w, days_run, planned, mde, pe)`, one row per concluded experiment
 * of a group and window, and these CTEs take exact medians over it with `percentile_cont(0.5)`:
 * over the rows for days run, over the unnested per-metric arrays for the precision numbers.
 * Computed only when asked for (`withCompanions`); otherwise the columns are NULL.
 */

/** The output columns (in every roll-up row), with their types. */
const COLUMNS = [
  ['median_days_run', 'float8'],
  ['days_run_n', 'int'],
  ['with_plan_n', 'int'],
  ['longer_than_plan_n', 'int'],
  ['median_mde_rel', 'float8'],
  ['mde_rel_n', 'int'],
  ['median_powered_effect_rel', 'float8'],
  ['powered_effect_rel_n', 'int'],
] as const;

export const COMPANION_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

/** The select list of the companion columns: from `comp` joined as `alias`, or NULLs when not asked for. */
export function companionColumnsSql(alias: string | null): string {
  return COLUMNS.map(([name, type]) => (alias ? `${alias}.${name}` : `NULL::${type} AS ${name}`)).join(', ');
}

/** The `cr` columns of a classification row `c` (or a relation that copies its columns) in a group and window. */
export function concludedRowColumnsSql(c: string): string {
  return `${daysRunSql(c)} AS days_run, ${c}.planned_runtime_days AS planned, ${c}.success_mde_rel AS mde, ${c}.success_powered_effect_rel AS pe`;
}

/** The classification columns the companion numbers read (for relations that copy rows). */
export const COMPANION_SOURCE_COLUMNS = ['planned_runtime_days', 'success_mde_rel', 'success_powered_effect_rel'];

/** The CTEs `cv` and `comp(node_id, w, ...COMPANION_COLUMNS)` over `cr`; each ends with a comma. */
export function companionCtes(): string {
  const median = (k: number) => `(percentile_cont(0.5) WITHIN GROUP (ORDER BY v.v) FILTER (WHERE v.k = ${k}))::float8`;
  const count = (k: number) => `(count(v.v) FILTER (WHERE v.k = ${k}))::int`;
  return `cv AS (SELECT r.node_id, r.w, 0 AS k, r.days_run AS v, r.planned FROM cr r
    UNION ALL SELECT r.node_id, r.w, 1, u.v, NULL FROM cr r CROSS JOIN LATERAL unnest(r.mde) u(v)
    UNION ALL SELECT r.node_id, r.w, 2, u.v, NULL FROM cr r CROSS JOIN LATERAL unnest(r.pe) u(v)),
  comp AS (SELECT v.node_id, v.w, ${median(0)} AS median_days_run, ${count(0)} AS days_run_n,
      (count(*) FILTER (WHERE v.k = 0 AND v.v IS NOT NULL AND v.planned IS NOT NULL))::int AS with_plan_n,
      (count(*) FILTER (WHERE v.k = 0 AND ${ranLongerThanPlannedSql('v.v', 'v.planned')}))::int AS longer_than_plan_n,
      ${median(1)} AS median_mde_rel, ${count(1)} AS mde_rel_n,
      ${median(2)} AS median_powered_effect_rel, ${count(2)} AS powered_effect_rel_n
    FROM cv v GROUP BY v.node_id, v.w),`;
}

type Row = Record<string, number | string | null>;
const int = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const float = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Decodes the companion columns of a roll-up row (zeros and nulls when they were not computed). */
export function toCompanionCounts(row: Row): CompanionCounts {
  return {
    daysRun: { median: float(row.median_days_run), count: int(row.days_run_n) },
    withPlan: int(row.with_plan_n),
    longerThanPlanned: int(row.longer_than_plan_n),
    mdeRelative: { median: float(row.median_mde_rel), count: int(row.mde_rel_n) },
    poweredEffectRelative: { median: float(row.median_powered_effect_rel), count: int(row.powered_effect_rel_n) },
  };
}
