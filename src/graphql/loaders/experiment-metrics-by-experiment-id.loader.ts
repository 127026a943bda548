import { type DataSource } from 'typeorm';
import { type ExperimentMetric } from '../../domain/experiment';
import { findExperimentMetricsByExperimentIds } from '../../db/queries/metric-reads';
import { manyByKey } from './batch';
import { PrimedDataLoader } from './primed-data-loader';

/** Metrics as used by an experiment (Experiment.metrics), by position. */
export function createExperimentMetricsByExperimentIdLoader(dataSource: DataSource) {
  return new PrimedDataLoader<string, ExperimentMetric[]>(async (ids) =>
    manyByKey(ids, await findExperimentMetricsByExperimentIds(dataSource, ids), (m) => m.experimentId),
  );
}
