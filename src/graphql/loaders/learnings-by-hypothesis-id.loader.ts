import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Learning } from '../../domain/experiment';
import { findLearningsByHypothesisIds } from '../../db/queries/learning-reads';
import { linkedByKey } from './batch';

/** Learnings linked to a hypothesis (Hypothesis.learnings), oldest first. */
export function createLearningsByHypothesisIdLoader(dataSource: DataSource) {
  return new DataLoader<string, Learning[]>(async (ids) =>
    linkedByKey(ids, await findLearningsByHypothesisIds(dataSource, ids)),
  );
}
