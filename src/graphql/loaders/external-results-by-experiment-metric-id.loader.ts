import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type ExternalResult } from '../../domain/experiment';
import { findExternalResultsByExperimentMetricIds } from '../../db/queries/metric-reads';
import { manyByKey } from './batch';

/** Externally computed results of an experiment metric (ExperimentMetric.externalResults), in variant order. */
export function createExternalResultsByExperimentMetricIdLoader(dataSource: DataSource) {
  return new DataLoader<string, ExternalResult[]>(async (ids) =>
    manyByKey(ids, await findExternalResultsByExperimentMetricIds(dataSource, ids), (r) => r.experimentMetricId),
  );
}
