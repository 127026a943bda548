import { type DataSource } from 'typeorm';
import type { ExperimentMetric, ExternalResult, Metric, MetricResult, ResultPeriod } from '../../domain/experiment';
import { ExternalResultEntity, MetricEntity, VariantEntity } from '../entities';
import { type Row } from './row-values-reads';
import { type Queryable, queryRows, queryWrittenRow, queryWrittenRows } from '../rows/table-rows';
import { experimentMetricRows, externalResultRows, metricResultRows, metricRows } from '../rows/tables';

// The reads of a team page (experiment metrics, their catalogue metrics and results) select their
// columns through the tables' row mappings: hydrating TypeORM entities for hundreds of rows per
// request cost more CPU than the SQL.

/** The whole metric catalogue, ordered by key. */
export function findAllMetrics(dataSource: DataSource): Promise<Metric[]> {
  return dataSource.manager.find(MetricEntity, { order: { key: 'ASC' } });
}

/** Metrics by id, in no particular order. */
export function findMetricsByIds(db: Queryable, ids: readonly string[]): Promise<Metric[]> {
  return queryRows(db, metricRows, `SELECT ${metricRows.columns()} FROM metric WHERE id = ANY($1::uuid[])`, [ids]);
}

/** Metrics by key, in no particular order. */
export function findMetricsByKeys(db: Queryable, keys: readonly string[]): Promise<Metric[]> {
  return queryRows(db, metricRows, `SELECT ${metricRows.columns()} FROM metric WHERE key = ANY($1::text[])`, [keys]);
}

/** The metric with this key, or null. */
export function findMetricByKey(dataSource: DataSource, key: string): Promise<Metric | null> {
  return dataSource.manager.findOne(MetricEntity, { where: { key } });
}

/** The metric `id` as the caller's transaction sees it, after writing or locking it. @throws Error when there is none */
export function findWrittenMetric(db: Queryable, id: string): Promise<Metric> {
  return queryWrittenRow(db, metricRows, id);
}

/** Metrics as used by the given experiments, by position. */
export function findExperimentMetricsByExperimentIds(
  db: Queryable,
  ids: readonly string[],
): Promise<ExperimentMetric[]> {
  return queryRows(
    db,
    experimentMetricRows,
    `SELECT ${experimentMetricRows.columns()} FROM experiment_metric WHERE experiment_id = ANY($1::uuid[]) ORDER BY position, id`,
    [ids],
  );
}

/** Results of the given experiment metrics in the given periods, in variant order. */
export async function findMetricResultsByExperimentMetricIds(
  dataSource: DataSource,
  ids: readonly string[],
  periods: readonly ResultPeriod[],
): Promise<MetricResult[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT ${metricResultRows.columns('r')}
       FROM metric_result r JOIN variant v ON v.id = r.variant_id
      WHERE r.experiment_metric_id = ANY($1::uuid[]) AND r.period = ANY($2::text[])
      ORDER BY v.position, v.id`,
    [ids, periods],
  );
  return rows.map(metricResultRows.decode);
}

/** Externally computed results of the given experiment metrics, in variant order. */
export function findExternalResultsByExperimentMetricIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<ExternalResult[]> {
  return dataSource.manager
    .createQueryBuilder(ExternalResultEntity, 'r')
    .innerJoin(VariantEntity, 'v', 'v.id = r.variantId')
    .where('r.experimentMetricId IN (:...ids)', { ids })
    .orderBy('v.position', 'ASC')
    .addOrderBy('v.id', 'ASC')
    .getMany();
}

/** Metric results the caller's transaction just wrote, in the order of `ids`. @throws Error when one is missing */
export function findWrittenMetricResults(db: Queryable, ids: readonly string[]): Promise<MetricResult[]> {
  return queryWrittenRows(db, metricResultRows, ids);
}

/** External results the caller's transaction just wrote, in the order of `ids`. @throws Error when one is missing */
export function findWrittenExternalResults(db: Queryable, ids: readonly string[]): Promise<ExternalResult[]> {
  return queryWrittenRows(db, externalResultRows, ids);
}
