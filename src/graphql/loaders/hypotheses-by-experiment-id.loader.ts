import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Hypothesis } from '../../domain/experiment';
import { findHypothesesByExperimentIds } from '../../db/queries/experiment-reads';
import { manyByKey } from './batch';

/** Hypotheses of an experiment (Experiment.hypotheses), oldest first. */
export function createHypothesesByExperimentIdLoader(dataSource: DataSource) {
  return new DataLoader<string, Hypothesis[]>(async (ids) =>
    manyByKey(ids, await findHypothesesByExperimentIds(dataSource, ids), (h) => h.experimentId),
  );
}
