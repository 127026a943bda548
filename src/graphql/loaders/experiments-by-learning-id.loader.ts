import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Experiment } from '../../domain/experiment';
import { findExperimentsByLearningIds } from '../../db/queries/learning-reads';
import { linkedByKey } from './batch';

/** Experiments a learning is linked to (Learning.experiments), by key. */
export function createExperimentsByLearningIdLoader(dataSource: DataSource) {
  return new DataLoader<string, Experiment[]>(async (ids) =>
    linkedByKey(ids, await findExperimentsByLearningIds(dataSource, ids)),
  );
}
