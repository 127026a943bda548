import { type DataSource } from 'typeorm';
import type { StoredClassification } from '../../domain/stored-classification';
import { queryRows } from '../rows/table-rows';
import { classificationRows } from '../rows/tables';

/** A row of `experiment_classification` in domain shape. */
export interface StoredClassificationRow extends Omit<StoredClassification, 'validityReasons'> {
  readonly experimentId: string;
  readonly validityReasons: string[];
  readonly ownerNodeId: string;
  readonly classifiedAt: Date;
}

/** The columns of a `StoredClassificationRow`. */
export const storedClassificationColumns = classificationRows.pick(
  'experimentId',
  'validity',
  'validityReasons',
  'category',
  'provisionalCategory',
  'subReason',
  'isLearning',
  'isWin',
  'recommendation',
  'status',
  'countsTowardEwl',
  'endedAt',
  'concludedAt',
  'ownerNodeId',
  'rulesetVersion',
  'classifiedAt',
);

/** Stored classifications of the given experiments (one statement). */
export function findClassificationsByExperimentIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<StoredClassificationRow[]> {
  return queryRows(
    dataSource,
    storedClassificationColumns,
    `SELECT ${storedClassificationColumns.columns()} FROM experiment_classification WHERE experiment_id = ANY($1::uuid[])`,
    [ids],
  );
}
