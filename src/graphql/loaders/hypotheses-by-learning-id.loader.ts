import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Hypothesis } from '../../domain/experiment';
import { findHypothesesByLearningIds } from '../../db/queries/learning-reads';
import { linkedByKey } from './batch';

/** Hypotheses a learning is linked to (Learning.hypotheses), oldest first. */
export function createHypothesesByLearningIdLoader(dataSource: DataSource) {
  return new DataLoader<string, Hypothesis[]>(async (ids) =>
    linkedByKey(ids, await findHypothesesByLearningIds(dataSource, ids)),
  );
}
