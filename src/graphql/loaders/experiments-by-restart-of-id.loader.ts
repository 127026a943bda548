import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Experiment } from '../../domain/experiment';
import { findExperimentsByRestartOfIds } from '../../db/queries/experiment-reads';
import { manyByKey } from './batch';

/** Experiments that restart a given run (Experiment.restarts), oldest first. */
export function createExperimentsByRestartOfIdLoader(dataSource: DataSource) {
  return new DataLoader<string, Experiment[]>(async (ids) =>
    manyByKey(ids, await findExperimentsByRestartOfIds(dataSource, ids), (e) => e.restartOfId ?? ''),
  );
}
