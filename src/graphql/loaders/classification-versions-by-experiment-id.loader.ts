import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { findClassificationVersionsByExperimentIds } from '../../db/queries/classification-history-reads';
import type { ClassificationVersion } from '../../domain/stored-classification';
import { manyByKey } from './batch';

/** Stored-classification versions of experiments, oldest first (classificationHistory and "as of" reads). */
export function createClassificationVersionsByExperimentIdLoader(dataSource: DataSource) {
  return new DataLoader<string, ClassificationVersion[]>(async (ids) =>
    manyByKey(ids, await findClassificationVersionsByExperimentIds(dataSource, ids), (r) => r.experimentId),
  );
}
