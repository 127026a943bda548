import { type DataSource } from 'typeorm';
import { type Decision } from '../../domain/experiment';
import { findDecisionsByExperimentIds } from '../../db/queries/experiment-reads';
import { manyByKey } from './batch';
import { PrimedDataLoader } from './primed-data-loader';

/**
 * All decisions of an experiment, newest first (Experiment.decisions). Experiment.decision picks the
 * `isCurrent` one from the same list, so asking for both costs one query.
 */
export function createDecisionsByExperimentIdLoader(dataSource: DataSource) {
  return new PrimedDataLoader<string, Decision[]>(async (ids) =>
    manyByKey(ids, await findDecisionsByExperimentIds(dataSource, ids), (d) => d.experimentId),
  );
}
