import { RESULT_PERIODS } from '../../domain/experiment';
import type {
  Decision,
  Experiment,
  ExperimentMetric,
  Learning,
  Metric,
  MetricResult,
  ResultPeriod,
  Variant,
} from '../../domain/experiment';
import { DataSource } from 'typeorm';
import { queryNamed } from '../prepared-statement';
import { type Queryable, type TableRows } from '../rows/table-rows';
import {
  experimentMetricRows,
  experimentRows,
  learningRows,
  metricResultRows,
  metricRows,
  variantRows,
} from '../rows/tables';
import { type StoredClassificationRow, storedClassificationColumns } from './classification-reads';
import { decisionColumns } from './experiment-reads';
import { SqlParams } from './page-reads';
import { type Row } from './row-values-reads';

/**
 * Which relations of a set of experiments one statement reads (the look-ahead of a field that
 * yields experiments: what its selection asks of them). Each relation is read as its per-relation
 * read reads it (same columns, same order), so the records equal theirs.
 */
export interface ExperimentRelationsPlan {
  /** Variants, by position (findVariantsByExperimentIds). */
  readonly variants: boolean;
  /** Experiment metrics by position, with their catalogue metric and their results in these periods. */
  readonly metrics: { readonly metric: boolean; readonly resultPeriods: readonly ResultPeriod[] } | null;
  /** All decisions, newest first (findDecisionsByExperimentIds). */
  readonly decisions: boolean;
  /** The stored classification row (findClassificationsByExperimentIds). */
  readonly classification: boolean;
  /** Linked learnings, oldest first (findLearningsByExperimentIds). */
  readonly learnings: boolean;
  /** Records read with only some of their properties (absent: every property, as the per-relation reads). */
  readonly shapes?: RelationShapes;
}

/**
 * The properties to read of each record of a relation, when a selection reads only those (the
 * look-ahead's column pruning): the records of that relation then carry exactly these properties
 * (each list sorted, with `id`); a relation without a list reads its whole records. `results`
 * applies to the results of every period the plan reads.
 */
export interface RelationShapes {
  readonly variants?: readonly string[];
  readonly experimentMetrics?: readonly string[];
  readonly metric?: readonly string[];
  readonly results?: readonly string[];
}

const shapedRows = new Map<string, TableRows<unknown>>();

/** `rows` restricted to `shape` (built once per table and shape); `rows` itself when there is no shape. */
function rowsOf<T>(rows: TableRows<T>, shape: readonly string[] | undefined): TableRows<T> {
  if (shape === undefined) return rows;
  const key = `${rows.table}:${shape.join(',')}`;
  let picked = shapedRows.get(key);
  if (picked === undefined) {
    picked = rows.pick(...(shape as Array<keyof T & string>)) as TableRows<unknown>;
    shapedRows.set(key, picked);
  }
  // A record with fewer properties: only the fields that read those are resolved on it (src/graphql/record-shapes.ts).
  return picked as TableRows<T>;
}

/** An experiment metric with what the plan asked of it. */
export interface ExperimentMetricRelations {
  readonly experimentMetric: ExperimentMetric;
  /** Present when the plan asks for the metric; null only for a missing row, as the by-id read. */
  readonly metric?: Metric | null;
  /** Present when the plan asks for results: those of the plan's periods, in variant order. */
  readonly results?: MetricResult[];
}

/** The relations of one experiment; a relation the plan did not ask for is absent. */
export interface ExperimentRelations {
  readonly experimentId: string;
  readonly variants?: Variant[];
  readonly metrics?: ExperimentMetricRelations[];
  readonly decisions?: Decision[];
  readonly classification?: StoredClassificationRow | null;
  readonly learnings?: Learning[];
}

/**
 * A JSON array of the records of `from` (a table or join aliased `a`) where `where` holds, in
 * `order`; each record is the JSON array of its mapped columns (`rows.jsonArray(a)`), read back by
 * the row mapping's `decodeArray`: a document without a key per value, which PostgreSQL builds and
 * the server parses in less time than objects keyed by column name.
 */
function recordsSql(rows: TableRows<unknown>, a: string, from: string, where: string, order: string): string {
  return `(SELECT coalesce(json_agg(${rows.jsonArray(a)} ORDER BY ${order}), '[]'::json) FROM ${from} WHERE ${where})`;
}

/**
 * The periods as an array literal, not a parameter: a statement whose only parameter is the
 * experiments' key or ids gets PostgreSQL's generic plan once prepared (`queryNamed`), which an
 * array parameter of unknown length would keep re-planning. Only the domain's periods are written.
 */
function periodsSql(periods: readonly ResultPeriod[]): string {
  for (const period of periods)
    if (!RESULT_PERIODS.includes(period)) throw new Error(`Unknown result period ${JSON.stringify(period)}`);
  return `ARRAY[${periods.map((period) => `'${period}'`).join(', ')}]::text[]`;
}

/**
 * The experiment's metrics (`x.id`), each with its catalogue metric (a join: the catalogue is small)
 * and its results in variant order. That order is the position of each result's variant among the
 * experiment's variants (`vo.ids`, read once per experiment by `variantsLateral`), not a probe of
 * the variant per result: the same order as the per-relation read's join (position, then id), for
 * results of the experiment's own variants, which are the only ones the writes record.
 */
function metricsSql(plan: NonNullable<ExperimentRelationsPlan['metrics']>, shapes: RelationShapes): string {
  const parts = [`'em', ${rowsOf(experimentMetricRows, shapes.experimentMetrics).jsonArray('em')}`];
  if (plan.metric)
    parts.push(
      `'metric', CASE WHEN m.id IS NULL THEN NULL ELSE ${rowsOf(metricRows, shapes.metric).jsonArray('m')} END`,
    );
  if (plan.resultPeriods.length > 0) {
    const periods = periodsSql(plan.resultPeriods);
    const results = recordsSql(
      rowsOf(metricResultRows, shapes.results),
      'r',
      'metric_result r',
      `r.experiment_metric_id = em.id AND r.period = ANY(${periods})`,
      'array_position(vo.ids, r.variant_id), r.period',
    );
    parts.push(`'results', ${results}`);
  }
  const from = plan.metric ? 'experiment_metric em LEFT JOIN metric m ON m.id = em.metric_id' : 'experiment_metric em';
  return `(SELECT coalesce(json_agg(json_build_object(${parts.join(', ')}) ORDER BY em.position, em.id), '[]'::json)
    FROM ${from} WHERE em.experiment_id = x.id)`;
}

/**
 * The experiment's variants, read once (`vo`): their records when the plan asks for them, and their
 * ids in order when results are read (metricsSql orders results by them). Null when neither is asked.
 * An aggregate without GROUP BY yields one row, so every experiment keeps its row.
 */
function variantsLateral(plan: ExperimentRelationsPlan): string | null {
  const ids = (plan.metrics?.resultPeriods.length ?? 0) > 0;
  if (!plan.variants && !ids) return null;
  const columns: string[] = [];
  if (plan.variants)
    columns.push(
      `coalesce(json_agg(${rowsOf(variantRows, plan.shapes?.variants).jsonArray('v')} ORDER BY v.position, v.id), '[]'::json) AS variants`,
    );
  if (ids) columns.push('array_agg(v.id ORDER BY v.position, v.id) AS ids');
  return `CROSS JOIN LATERAL (SELECT ${columns.join(', ')} FROM variant v WHERE v.experiment_id = x.id) vo`;
}

/** One JSON column per relation `plan` asks of the experiment whose id is `x.id` (no parameters; `vo`: variantsLateral). */
function relationColumns(plan: ExperimentRelationsPlan): string[] {
  const columns: string[] = [];
  if (plan.variants) columns.push('vo.variants AS variants');
  if (plan.metrics) columns.push(`${metricsSql(plan.metrics, plan.shapes ?? {})} AS metrics`);
  if (plan.decisions)
    columns.push(
      `${recordsSql(decisionColumns, 'd', 'decision d', 'd.experiment_id = x.id', 'd.decided_at DESC, d.seq DESC')} AS decisions`,
    );
  if (plan.classification)
    columns.push(
      `(SELECT ${storedClassificationColumns.jsonArray('c')} FROM experiment_classification c
         WHERE c.experiment_id = x.id) AS classification`,
    );
  if (plan.learnings)
    columns.push(
      `${recordsSql(learningRows, 'l', 'learning_experiment le JOIN learning l ON l.id = le.learning_id', 'le.experiment_id = x.id', 'l.created_at, l.id')} AS learnings`,
    );
  return columns;
}

/** The statement of `findExperimentRelations`: one row per id, one JSON column per relation asked. */
function experimentRelationsStatement(ids: readonly string[], plan: ExperimentRelationsPlan) {
  const params = new SqlParams();
  const idsParam = params.add(ids);
  const columns = ['x.id AS "experimentId"', ...relationColumns(plan)];
  const from = [`unnest(${idsParam}::uuid[]) AS x(id)`, variantsLateral(plan)].filter(Boolean).join(' ');
  return { sql: `SELECT ${columns.join(', ')} FROM ${from}`, values: params.values };
}

/**
 * Runs a look-ahead statement: on a DataSource as a named prepared statement (`queryNamed`: run on
 * every request, its parsing and planning cost PostgreSQL about as much as its execution), on
 * anything else (a transaction's manager) as a plain one.
 */
function queryStatement(db: DataSource | Queryable, sql: string, values: unknown[]): Promise<Row[]> {
  return db instanceof DataSource ? queryNamed<Row>(db, sql, values) : (db.query(sql, values) as Promise<Row[]>);
}

/** A record selected with `jsonArray`, as parsed. */
type ArrayRecord = readonly unknown[];

/** The row mappings a plan's records are read with (its shapes applied), found once per statement. */
interface RelationRows {
  readonly variants: TableRows<Variant>;
  readonly experimentMetrics: TableRows<ExperimentMetric>;
  readonly metric: TableRows<Metric>;
  readonly results: TableRows<MetricResult>;
}

function relationRows(shapes: RelationShapes = {}): RelationRows {
  return {
    variants: rowsOf(variantRows, shapes.variants),
    experimentMetrics: rowsOf(experimentMetricRows, shapes.experimentMetrics),
    metric: rowsOf(metricRows, shapes.metric),
    results: rowsOf(metricResultRows, shapes.results),
  };
}

function decodeMetric(value: Row, rows: RelationRows): ExperimentMetricRelations {
  const metric = value.metric as ArrayRecord | null | undefined;
  const results = value.results as ArrayRecord[] | undefined;
  return {
    experimentMetric: rows.experimentMetrics.decodeArray(value.em as ArrayRecord),
    ...(metric !== undefined ? { metric: metric === null ? null : rows.metric.decodeArray(metric) } : {}),
    ...(results !== undefined ? { results: results.map(rows.results.decodeArray) } : {}),
  };
}

function decodeRelations(row: Row, rows: RelationRows): ExperimentRelations {
  const list = <T>(value: unknown, decode: (record: ArrayRecord) => T) => (value as ArrayRecord[]).map(decode);
  const classification = row.classification as ArrayRecord | null | undefined;
  return {
    experimentId: row.experimentId as string,
    ...(row.variants !== undefined ? { variants: list(row.variants, rows.variants.decodeArray) } : {}),
    ...(row.metrics !== undefined
      ? { metrics: (row.metrics as Row[]).map((metric) => decodeMetric(metric, rows)) }
      : {}),
    ...(row.decisions !== undefined ? { decisions: list(row.decisions, decisionColumns.decodeArray) } : {}),
    ...(classification !== undefined
      ? {
          classification: classification === null ? null : storedClassificationColumns.decodeArray(classification),
        }
      : {}),
    ...(row.learnings !== undefined ? { learnings: list(row.learnings, learningRows.decodeArray) } : {}),
  };
}

/**
 * The relations `plan` asks for of each experiment in `ids`, in ONE statement (PostgreSQL builds
 * each relation as JSON), in `ids` order. The records, their order and their values equal those
 * of the per-relation reads: the JSON arrays carry the same select lists (timestamps as epoch
 * milliseconds, bigints as numbers), decoded by the same row mappings.
 */
export async function findExperimentRelations(
  db: DataSource | Queryable,
  ids: readonly string[],
  plan: ExperimentRelationsPlan,
): Promise<ExperimentRelations[]> {
  const { sql, values } = experimentRelationsStatement(ids, plan);
  const rows = await queryStatement(db, sql, values);
  const decoders = relationRows(plan.shapes);
  const byId = new Map(rows.map((row) => [row.experimentId as string, decodeRelations(row, decoders)]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * A plan whose keys are experiments' keys, not ids (`experiment(key)`): each experiment's record is
 * read with its relations, in the same statement (`findExperimentsByKeyWithRelations`).
 */
export interface ExperimentByKeyPlan extends ExperimentRelationsPlan {
  readonly byKey: true;
}

/** The relations of an experiment read by key, with the experiment's record. */
export interface ExperimentWithRelations extends ExperimentRelations {
  readonly experiment: Experiment;
}

/** The statement of `findExperimentsByKeyWithRelations`: each experiment's columns, then one JSON column per relation. */
function experimentsByKeyStatement(keys: readonly string[], plan: ExperimentRelationsPlan) {
  const params = new SqlParams();
  const where = keys.length === 1 ? `x.key = ${params.add(keys[0])}` : `x.key = ANY(${params.add(keys)}::text[])`;
  const columns = [experimentRows.columns('x'), 'x.id AS "experimentId"', ...relationColumns(plan)];
  const from = ['experiment x', variantsLateral(plan)].filter(Boolean).join(' ');
  return { sql: `SELECT ${columns.join(', ')} FROM ${from} WHERE ${where}`, values: params.values };
}

/**
 * The experiments whose keys are `keys` (as `findExperimentByKey` reads each) with the relations
 * `plan` asks of them (as `findExperimentRelations` reads them), in ONE statement, in `keys` order;
 * null for a key no experiment has. The by-key shape of a look-ahead: one round trip, not two.
 */
export async function findExperimentsByKeyWithRelations(
  db: DataSource | Queryable,
  keys: readonly string[],
  plan: ExperimentRelationsPlan,
): Promise<Array<ExperimentWithRelations | null>> {
  const { sql, values } = experimentsByKeyStatement(keys, plan);
  const rows = await queryStatement(db, sql, values);
  const decoders = relationRows(plan.shapes);
  const byKey = new Map(
    rows.map((row) => {
      const experiment = experimentRows.decode(row);
      return [experiment.key, { ...decodeRelations(row, decoders), experiment }];
    }),
  );
  return keys.map((key) => byKey.get(key) ?? null);
}
