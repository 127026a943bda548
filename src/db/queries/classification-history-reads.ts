import { type DataSource } from 'typeorm';
import type { ClassificationVersion } from '../../domain/stored-classification';
import { queryRows } from '../rows/table-rows';
import { classificationHistoryRows } from '../rows/tables';

const versionColumns = classificationHistoryRows.pick(
  'experimentId',
  'fromCategory',
  'category',
  'provisionalCategory',
  'subReason',
  'validity',
  'validityReasons',
  'recommendation',
  'status',
  'countsTowardEwl',
  'endedAt',
  'concludedAt',
  'cause',
  'rulesetVersion',
  'changedAt',
);

/**
 * Every stored-classification version of the given experiments, oldest first per experiment (one
 * statement). A version is written whenever the stored snapshot changes; the category changes
 * among them are `Experiment.classificationHistory`, and the version in force at an instant is
 * what an "as of" read shows.
 */
export function findClassificationVersionsByExperimentIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<ClassificationVersion[]> {
  return queryRows(
    dataSource,
    versionColumns,
    `SELECT ${versionColumns.columns()}
       FROM experiment_classification_history WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, changed_at, seq`,
    [ids],
  );
}
