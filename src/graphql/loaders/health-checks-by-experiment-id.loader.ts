import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type HealthCheck } from '../../domain/experiment';
import { findReportedHealthChecksByExperimentIds } from '../../db/queries/experiment-reads';
import { manyByKey } from './batch';

/** Reported health checks of an experiment (Experiment.healthChecks), by type and name. */
export function createHealthChecksByExperimentIdLoader(dataSource: DataSource) {
  return new DataLoader<string, HealthCheck[]>(async (ids) =>
    manyByKey(ids, await findReportedHealthChecksByExperimentIds(dataSource, ids), (h) => h.experimentId),
  );
}
