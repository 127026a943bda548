import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type DesignAmendmentRow, findDesignAmendmentsByExperimentIds } from '../../db/queries/design-amendment-reads';
import { manyByKey } from './batch';

/** Amendments of an experiment's pre-registered design (Experiment.designAmendments), oldest first. */
export function createDesignAmendmentsByExperimentIdLoader(dataSource: DataSource) {
  return new DataLoader<string, DesignAmendmentRow[]>(async (ids) =>
    manyByKey(ids, await findDesignAmendmentsByExperimentIds(dataSource, ids), (a) => a.experimentId),
  );
}
