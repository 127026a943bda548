import { type DataSource } from 'typeorm';
import { type Learning } from '../../domain/experiment';
import { findLearningsByExperimentIds } from '../../db/queries/learning-reads';
import { linkedByKey } from './batch';
import { PrimedDataLoader } from './primed-data-loader';

/** Learnings linked to an experiment (Experiment.learnings), oldest first. */
export function createLearningsByExperimentIdLoader(dataSource: DataSource) {
  return new PrimedDataLoader<string, Learning[]>(async (ids) =>
    linkedByKey(ids, await findLearningsByExperimentIds(dataSource, ids)),
  );
}
