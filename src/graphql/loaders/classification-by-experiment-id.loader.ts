import { type DataSource } from 'typeorm';
import {
  findClassificationsByExperimentIds,
  type StoredClassificationRow,
} from '../../db/queries/classification-reads';
import { oneByKey } from './batch';
import { PrimedDataLoader } from './primed-data-loader';

/** Stored classification of experiments (Experiment.classification, ewlCategory, validity). */
export function createClassificationByExperimentIdLoader(dataSource: DataSource) {
  return new PrimedDataLoader<string, StoredClassificationRow | null>(async (ids) =>
    oneByKey(ids, await findClassificationsByExperimentIds(dataSource, ids), (r) => r.experimentId),
  );
}
