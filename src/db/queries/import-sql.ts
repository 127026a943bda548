import { type EntityManager } from 'typeorm';
import { type ImportPlan } from '../../domain/import/import-state';
import { iso, type TableSpec } from '../bulk-insert';
import { encodeArray } from './binary-arrays';
import * as T from '../catalogue-tables';

/** Rows an import wrote per table (inserted, updated or deleted). */
export interface ImportRowCounts {
  experiments: number;
  variants: number;
  experimentMetrics: number;
  hypotheses: number;
  metricResults: number;
  decisions: number;
}

export function emptyRowCounts(): ImportRowCounts {
  return { experiments: 0, variants: 0, experimentMetrics: 0, hypotheses: 0, metricResults: 0, decisions: 0 };
}

/** Rows per statement, as insertRecords (large enough to amortise round trips, small enough for PGlite's buffers). */
const ROWS_PER_STATEMENT = 5_000;

/** Parameters of one statement: each column of `records` as one array in binary format (encodeArray). */
function columnParams<R>(spec: TableSpec<R>, records: readonly R[]): Buffer[] {
  return spec.columns.map((c) => encodeArray(c.arrayType, records, c.value));
}

/**
 * insertRecords with binary array parameters: `INSERT ... SELECT FROM unnest(...)`, one statement
 * per chunk. `stamped` columns all get `at`, sent once rather than once per row.
 */
async function insertRows<R>(
  m: EntityManager,
  spec: TableSpec<R>,
  records: readonly R[],
  stamped: readonly string[] = [],
  at: Date | null = null,
): Promise<void> {
  if (records.length === 0) return;
  const names = spec.columns.map((c) => c.column).join(', ');
  const params = spec.columns.map((c, i) => `$${i + 1}::${c.arrayType}`).join(', ');
  const select = [
    ...spec.columns.map((c) => (c.cast ? `u.${c.column}::${c.cast}` : `u.${c.column}`)),
    ...stamped.map(() => `$${spec.columns.length + 1}::timestamptz`),
  ].join(', ');
  const sql = `INSERT INTO ${spec.table} (${[names, ...stamped].join(', ')}) SELECT ${select} FROM unnest(${params}) AS u(${names})`;
  for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
    const values = columnParams(spec, records.slice(start, start + ROWS_PER_STATEMENT));
    await m.query(sql, stamped.length > 0 ? [...values, iso(at)!] : values);
  }
}

/**
 * `UPDATE <table> t SET c = u.c, ... FROM unnest(...) u WHERE t.id = u.id`: the update twin of
 * insertRows, one statement per chunk of rows; `stamped` columns are set to `at`.
 */
async function updateRows<R>(
  m: EntityManager,
  spec: TableSpec<R>,
  records: readonly R[],
  stamped: readonly string[] = [],
  at: Date | null = null,
): Promise<void> {
  if (records.length === 0) return;
  const names = spec.columns.map((c) => c.column).join(', ');
  const params = spec.columns.map((c, i) => `$${i + 1}::${c.arrayType}`).join(', ');
  const sets = [
    ...spec.columns.slice(1).map((c) => `${c.column} = u.${c.column}${c.cast ? `::${c.cast}` : ''}`),
    ...stamped.map((c) => `${c} = $${spec.columns.length + 1}::timestamptz`),
  ].join(', ');
  const sql = `UPDATE ${spec.table} t SET ${sets} FROM unnest(${params}) AS u(${names}) WHERE t.id = u.id`;
  for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
    const values = columnParams(spec, records.slice(start, start + ROWS_PER_STATEMENT));
    await m.query(sql, stamped.length > 0 ? [...values, iso(at)!] : values);
  }
}

/** The column of a table spec with this name (at module load: a misspelt name fails at start-up). */
function columnNamed<R>(spec: TableSpec<R>, name: string): TableSpec<R>['columns'][number] {
  const found = spec.columns.find((c) => c.column === name);
  if (found === undefined) throw new Error(`${spec.table} has no column ${name}`);
  return found;
}

/** The columns of a table spec with these names (the first is the row's id). */
function pick<R>(spec: TableSpec<R>, names: readonly string[]): TableSpec<R> {
  return { table: spec.table, columns: names.map((n) => columnNamed(spec, n)) };
}

/** A table spec without the given columns (written from one parameter, or left to their default). */
function omit<R>(spec: TableSpec<R>, names: readonly string[]): TableSpec<R> {
  const left = new Set(names.map((n) => columnNamed(spec, n)));
  return { table: spec.table, columns: spec.columns.filter((c) => !left.has(c)) };
}

// An import updates every column of an experiment except what identifies it (its key, its source and
// id there, the experiment it restarts) and its creation; updated_at is stamped with the import's instant.
const EXPERIMENT_UPDATE = omit(T.EXPERIMENT, [
  'key',
  'restart_of_id',
  'external_source',
  'external_id',
  'created_at',
  'updated_at',
]);
const VARIANT_UPDATE = pick(T.VARIANT, [
  'id',
  'name',
  'is_control',
  'planned_weight',
  'units',
  'multi_exposed_units',
  'position',
]);
const EXPERIMENT_METRIC_UPDATE = pick(T.EXPERIMENT_METRIC, [
  'id',
  'role',
  'mde',
  'mde_scale',
  'nim',
  'nim_scale',
  'position',
]);
const HYPOTHESIS_UPDATE = pick(T.HYPOTHESIS, ['id', 'rationale', 'version']);
const METRIC_RESULT_UPDATE = pick(T.METRIC_RESULT, [
  'id',
  'metric_type',
  'n',
  'sum',
  'sum_sq',
  'sum_x',
  'sum_x_sq',
  'sum_xy',
]);
// Rows an import creates carry the import's instant in their timestamp columns.
const EXPERIMENT_INSERT = omit(T.EXPERIMENT, ['created_at', 'updated_at']);
const HYPOTHESIS_INSERT = omit(T.HYPOTHESIS, ['created_at', 'updated_at']);
const METRIC_RESULT_INSERT = omit(T.METRIC_RESULT, ['updated_at']);
const DECISION_INSERT = omit(T.DECISION, ['created_at']);

const LIST_KEYS = [
  'variantDeletes',
  'variantUpdates',
  'variantInserts',
  'metricDeletes',
  'metricUpdates',
  'metricInserts',
  'hypothesisUpdates',
  'hypothesisInserts',
  'resultUpdates',
  'resultInserts',
  'decisionInserts',
] as const;
type ListKey = (typeof LIST_KEYS)[number];

/** Every row list of the plans, concatenated per kind in one pass. */
function collectLists(plans: readonly ImportPlan[]): Record<ListKey, unknown[]> {
  const out = Object.fromEntries(LIST_KEYS.map((k) => [k, [] as unknown[]])) as Record<ListKey, unknown[]>;
  for (const plan of plans) {
    for (const key of LIST_KEYS) {
      const rows = plan[key] as readonly unknown[];
      const target = out[key];
      for (let i = 0; i < rows.length; i += 1) target.push(rows[i]);
    }
  }
  return out;
}

/**
 * Writes the plans of many items with one statement per table and kind of change (insertRecords'
 * `INSERT ... SELECT FROM unnest(...)`, and the same shape for updates), whatever the number of
 * items: parents before children; deletions, then the cleared control flag, then updates, then
 * inserts, so that `variant_one_control_uq` and the unique keys hold at every statement. New
 * results are plain inserts and changed ones updates by id: the planner diffed them against the
 * stored rows, which the experiment's row lock keeps stable. Decisions of new experiments go in
 * with their current one marked; for stored experiments the caller recomputes it
 * (refreshCurrentDecisions). Rows created or changed are stamped `now` (the planner sets the
 * same instant). Runs inside the caller's transaction.
 */
export async function writeImportPlans(
  m: EntityManager,
  plans: readonly ImportPlan[],
  now: Date,
): Promise<ImportRowCounts> {
  const lists = collectLists(plans);
  const all = <K extends ListKey>(key: K): ImportPlan[K][number][] => lists[key] as ImportPlan[K][number][];
  const created = plans.flatMap((p) => (p.created && p.experiment !== null ? [p.experiment] : []));
  const updated = plans.flatMap((p) => (!p.created && p.experiment !== null ? [p.experiment] : []));
  await insertRows(m, EXPERIMENT_INSERT, created, ['created_at', 'updated_at'], now);
  await updateRows(m, EXPERIMENT_UPDATE, updated, ['updated_at'], now);

  const variantDeletes: string[] = all('variantDeletes');
  if (variantDeletes.length > 0) await m.query('DELETE FROM variant WHERE id = ANY($1::uuid[])', [variantDeletes]);
  const controlMoves = plans.filter((p) => p.controlChanged).map((p) => p.experimentId);
  if (controlMoves.length > 0)
    await m.query('UPDATE variant SET is_control = false WHERE experiment_id = ANY($1::uuid[]) AND is_control', [
      controlMoves,
    ]);
  await updateRows(m, VARIANT_UPDATE, all('variantUpdates'));
  await insertRows(m, T.VARIANT, all('variantInserts'));

  const metricDeletes: string[] = all('metricDeletes');
  if (metricDeletes.length > 0)
    await m.query('DELETE FROM experiment_metric WHERE id = ANY($1::uuid[])', [metricDeletes]);
  await updateRows(m, EXPERIMENT_METRIC_UPDATE, all('metricUpdates'));
  await insertRows(m, T.EXPERIMENT_METRIC, all('metricInserts'));

  await updateRows(m, HYPOTHESIS_UPDATE, all('hypothesisUpdates'), ['updated_at'], now);
  await insertRows(m, HYPOTHESIS_INSERT, all('hypothesisInserts'), ['created_at', 'updated_at'], now);
  const locks = plans.filter((p) => p.lockHypothesesAt !== null);
  if (locks.length > 0) {
    await m.query(
      `UPDATE hypothesis h SET locked_at = u.at FROM unnest($1::uuid[], $2::timestamptz[]) AS u(experiment_id, at)
        WHERE h.experiment_id = u.experiment_id AND h.locked_at IS NULL`,
      [locks.map((p) => p.experimentId), locks.map((p) => iso(p.lockHypothesesAt))],
    );
  }

  await updateRows(m, METRIC_RESULT_UPDATE, all('resultUpdates'), ['updated_at'], now);
  await insertRows(m, METRIC_RESULT_INSERT, all('resultInserts'), ['updated_at'], now);
  await insertRows(m, DECISION_INSERT, all('decisionInserts'), ['created_at'], now);

  const count = (keys: readonly ListKey[]) => keys.reduce((n, k) => n + lists[k].length, 0);
  return {
    experiments: created.length + updated.length,
    variants: count(['variantDeletes', 'variantUpdates', 'variantInserts']),
    experimentMetrics: count(['metricDeletes', 'metricUpdates', 'metricInserts']),
    hypotheses: count(['hypothesisUpdates', 'hypothesisInserts']),
    metricResults: count(['resultUpdates', 'resultInserts']),
    decisions: count(['decisionInserts']),
  };
}

/**
 * Marks each given experiment's latest decision (by decided_at, then seq) as current, for many
 * experiments at once: refreshCurrentDecision's two steps as two set-based statements (the old
 * markers are cleared first, so `decision_current_uq` holds at every statement). The classification
 * upsert that follows copies the current decision onto the stored classification, which is what
 * storeCurrentDecision does after a single decision.
 */
export async function refreshCurrentDecisions(m: EntityManager, experimentIds: readonly string[]): Promise<void> {
  if (experimentIds.length === 0) return;
  await m.query('UPDATE decision SET is_current = false WHERE experiment_id = ANY($1::uuid[]) AND is_current', [
    experimentIds,
  ]);
  await m.query(
    `UPDATE decision d SET is_current = true
       FROM (SELECT DISTINCT ON (experiment_id) id FROM decision WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, decided_at DESC, seq DESC) latest
      WHERE d.id = latest.id`,
    [experimentIds],
  );
}
