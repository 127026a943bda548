import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type ExperimentMetric } from '../../domain/experiment';
import { findExperimentMetricsByExperimentIds } from '../../db/queries/metric-reads';
import { manyByKey } from './batch';

/** Metrics as used by an experiment (Experiment.metrics), by position. */
export function createExperimentMetricsByExperimentIdLoader(dataSource: DataSource) {
  return new DataLoader<string, ExperimentMetric[]>(async (ids) =>
    manyByKey(ids, await findExperimentMetricsByExperimentIds(dataSource, ids), (m) => m.experimentId),
  );
}
