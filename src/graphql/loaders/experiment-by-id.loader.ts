import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Experiment } from '../../domain/experiment';
import { findExperimentsByIds } from '../../db/queries/experiment-reads';
import { oneByKey } from './batch';

/** Experiment by id (experiment(id), Experiment.restartOf); null when missing. */
export function createExperimentByIdLoader(dataSource: DataSource) {
  return new DataLoader<string, Experiment | null>(async (ids) =>
    oneByKey(ids, await findExperimentsByIds(dataSource, ids), (e) => e.id),
  );
}
