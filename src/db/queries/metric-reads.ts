import { type DataSource } from 'typeorm';
import type {
  EffectScale,
  ExperimentMetric,
  ExternalResult,
  Metric,
  MetricResult,
  MetricRole,
  MetricType,
  PreferredDirection,
  ResultPeriod,
} from '../../domain/experiment';
import { ExternalResultEntity, MetricEntity, VariantEntity } from '../entities';
import { dateFromMillis, epochMillisSql, numberFromBigint, type Row } from './row-values-reads';

// The reads of a team page (experiment metrics, their catalogue metrics and results) select their
// columns by hand and map rows with object literals: hydrating TypeORM entities for hundreds of
// rows per request cost more CPU than the SQL.

function toMetric(r: Row): Metric {
  return {
    id: r.id as string,
    key: r.key as string,
    name: r.name as string,
    description: r.description as string,
    type: r.type as MetricType,
    preferredDirection: r.preferred_direction as PreferredDirection,
    createdAt: dateFromMillis(r.created_at_ms),
    updatedAt: dateFromMillis(r.updated_at_ms),
    version: r.version as number,
  };
}

function toExperimentMetric(r: Row): ExperimentMetric {
  return {
    id: r.id as string,
    experimentId: r.experiment_id as string,
    metricId: r.metric_id as string,
    role: r.role as MetricRole,
    mde: r.mde as number | null,
    mdeScale: r.mde_scale as EffectScale | null,
    nim: r.nim as number | null,
    nimScale: r.nim_scale as EffectScale | null,
    position: r.position as number,
  };
}

function toMetricResult(r: Row): MetricResult {
  return {
    id: r.id as string,
    experimentMetricId: r.experiment_metric_id as string,
    variantId: r.variant_id as string,
    period: r.period as ResultPeriod,
    metricType: r.metric_type as MetricType,
    n: numberFromBigint(r.n),
    sum: r.sum as number,
    sumSq: r.sum_sq as number | null,
    sumX: r.sum_x as number | null,
    sumXSq: r.sum_x_sq as number | null,
    sumXY: r.sum_xy as number | null,
    updatedAt: dateFromMillis(r.updated_at_ms),
  };
}

/** The whole metric catalogue, ordered by key. */
export function findAllMetrics(dataSource: DataSource): Promise<Metric[]> {
  return dataSource.manager.find(MetricEntity, { order: { key: 'ASC' } });
}

/** Metrics by id, in no particular order. */
export async function findMetricsByIds(dataSource: DataSource, ids: readonly string[]): Promise<Metric[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT id, key, name, description, type, preferred_direction, ${epochMillisSql('created_at', 'created_at_ms')},
            ${epochMillisSql('updated_at', 'updated_at_ms')}, version
       FROM metric WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map(toMetric);
}

/** The metric with this key, or null. */
export function findMetricByKey(dataSource: DataSource, key: string): Promise<Metric | null> {
  return dataSource.manager.findOne(MetricEntity, { where: { key } });
}

/** Metrics as used by the given experiments, by position. */
export async function findExperimentMetricsByExperimentIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<ExperimentMetric[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT id, experiment_id, metric_id, role, mde, mde_scale, nim, nim_scale, position
       FROM experiment_metric WHERE experiment_id = ANY($1::uuid[]) ORDER BY position, id`,
    [ids],
  );
  return rows.map(toExperimentMetric);
}

/** Results of the given experiment metrics in the given periods, in variant order. */
export async function findMetricResultsByExperimentMetricIds(
  dataSource: DataSource,
  ids: readonly string[],
  periods: readonly ResultPeriod[],
): Promise<MetricResult[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT r.id, r.experiment_metric_id, r.variant_id, r.period, r.metric_type, r.n, r.sum, r.sum_sq, r.sum_x, r.sum_x_sq, r.sum_xy,
            ${epochMillisSql('r.updated_at', 'updated_at_ms')}
       FROM metric_result r JOIN variant v ON v.id = r.variant_id
      WHERE r.experiment_metric_id = ANY($1::uuid[]) AND r.period = ANY($2::text[])
      ORDER BY v.position, v.id`,
    [ids, periods],
  );
  return rows.map(toMetricResult);
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
