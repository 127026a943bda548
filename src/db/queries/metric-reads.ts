import { type DataSource, In } from 'typeorm';
import type { ExperimentMetric, ExternalResult, Metric, MetricResult, ResultPeriod } from '../../domain/experiment';
import { ExperimentMetricEntity, ExternalResultEntity, MetricEntity, MetricResultEntity, VariantEntity } from '../entities';

/** The whole metric catalogue, ordered by key. */
export function findAllMetrics(dataSource: DataSource): Promise<Metric[]> {
  return dataSource.manager.find(MetricEntity, { order: { key: 'ASC' } });
}

/** Metrics by id, in no particular order. */
export function findMetricsByIds(dataSource: DataSource, ids: readonly string[]): Promise<Metric[]> {
  return dataSource.manager.find(MetricEntity, { where: { id: In([...ids]) } });
}

/** The metric with this key, or null. */
export function findMetricByKey(dataSource: DataSource, key: string): Promise<Metric | null> {
  return dataSource.manager.findOne(MetricEntity, { where: { key } });
}

/** Metrics as used by the given experiments, by position. */
export function findExperimentMetricsByExperimentIds(dataSource: DataSource, ids: readonly string[]): Promise<ExperimentMetric[]> {
  return dataSource.manager.find(ExperimentMetricEntity, { where: { experimentId: In([...ids]) }, order: { position: 'ASC', id: 'ASC' } });
}

/** Results of the given experiment metrics in the given periods, in variant order. */
export function findMetricResultsByExperimentMetricIds(
  dataSource: DataSource,
  ids: readonly string[],
  periods: readonly ResultPeriod[],
): Promise<MetricResult[]> {
  return dataSource.manager
    .createQueryBuilder(MetricResultEntity, 'r')
    .innerJoin(VariantEntity, 'v', 'v.id = r.variantId')
    .where('r.experimentMetricId IN (:...ids)', { ids })
    .andWhere('r.period IN (:...periods)', { periods })
    .orderBy('v.position', 'ASC')
    .addOrderBy('v.id', 'ASC')
    .getMany();
}

/** Externally computed results of the given experiment metrics, in variant order. */
export function findExternalResultsByExperimentMetricIds(dataSource: DataSource, ids: readonly string[]): Promise<ExternalResult[]> {
  return dataSource.manager
    .createQueryBuilder(ExternalResultEntity, 'r')
    .innerJoin(VariantEntity, 'v', 'v.id = r.variantId')
    .where('r.experimentMetricId IN (:...ids)', { ids })
    .orderBy('v.position', 'ASC')
    .addOrderBy('v.id', 'ASC')
    .getMany();
}
