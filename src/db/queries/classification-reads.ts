import { type DataSource } from 'typeorm';
import type {
  CategorySubReason,
  DataCategory,
  LearningCategory,
  Recommendation,
  Validity,
} from '../../domain/analysis-types';
import type { ExperimentStatus } from '../../domain/experiment';
import type { StoredClassification } from '../../domain/stored-classification';
import { dateFromMillis, dateOrNullFromMillis, epochMillisSql, type Row } from './row-values-reads';

/** A row of `experiment_classification` in domain shape. */
export interface StoredClassificationRow extends Omit<StoredClassification, 'validityReasons'> {
  readonly experimentId: string;
  readonly validityReasons: string[];
  readonly ownerNodeId: string;
  readonly classifiedAt: Date;
}

/** Stored classifications of the given experiments (one statement). */
export async function findClassificationsByExperimentIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<StoredClassificationRow[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT experiment_id, validity, validity_reasons, category, provisional_category, sub_reason, is_learning, is_win, recommendation,
            status, counts_toward_ewl, ${epochMillisSql('ended_at', 'ended_at_ms')}, ${epochMillisSql('concluded_at', 'concluded_at_ms')},
            owner_node_id, ruleset_version, ${epochMillisSql('classified_at', 'classified_at_ms')}
       FROM experiment_classification WHERE experiment_id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map((r) => ({
    experimentId: r.experiment_id as string,
    validity: r.validity as Validity,
    validityReasons: r.validity_reasons as string[],
    category: r.category as LearningCategory,
    provisionalCategory: r.provisional_category as DataCategory,
    subReason: r.sub_reason as CategorySubReason | null,
    isLearning: r.is_learning as boolean | null,
    isWin: r.is_win as boolean | null,
    recommendation: r.recommendation as Recommendation,
    status: r.status as ExperimentStatus,
    countsTowardEwl: r.counts_toward_ewl as boolean,
    endedAt: dateOrNullFromMillis(r.ended_at_ms),
    concludedAt: dateOrNullFromMillis(r.concluded_at_ms),
    ownerNodeId: r.owner_node_id as string,
    rulesetVersion: r.ruleset_version as string,
    classifiedAt: dateFromMillis(r.classified_at_ms),
  }));
}
