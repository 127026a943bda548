import { type DataSource } from 'typeorm';
import { type Variant } from '../../domain/experiment';
import { findVariantsByExperimentIds } from '../../db/queries/experiment-reads';
import { manyByKey } from './batch';
import { PrimedDataLoader } from './primed-data-loader';

/** Variants of an experiment (Experiment.variants), by position. */
export function createVariantsByExperimentIdLoader(dataSource: DataSource) {
  return new PrimedDataLoader<string, Variant[]>(async (ids) =>
    manyByKey(ids, await findVariantsByExperimentIds(dataSource, ids), (v) => v.experimentId),
  );
}
