import { type DataSource } from 'typeorm';
import type {
  CategorySubReason,
  DataCategory,
  LearningCategory,
  Recommendation,
  Validity,
} from '../../domain/analysis-types';
import type { ExperimentStatus } from '../../domain/experiment';
import type { ClassificationCause, ClassificationVersion } from '../../domain/stored-classification';

/**
 * Every stored-classification version of the given experiments, oldest first per experiment (one
 * statement). A version is written whenever the stored snapshot changes; the category changes
 * among them are `Experiment.classificationHistory`, and the version in force at an instant is
 * what an "as of" read shows.
 */
export async function findClassificationVersionsByExperimentIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<ClassificationVersion[]> {
  const rows: Array<Record<string, unknown>> = await dataSource.query(
    `SELECT experiment_id, from_category, category, provisional_category, sub_reason, validity, validity_reasons, recommendation, status,
            counts_toward_ewl, ended_at, concluded_at, cause, ruleset_version, changed_at
       FROM experiment_classification_history WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, changed_at, seq`,
    [ids],
  );
  const date = (v: unknown) => (v === null ? null : new Date(v as string));
  return rows.map((r) => ({
    experimentId: r.experiment_id as string,
    fromCategory: r.from_category as LearningCategory | null,
    category: r.category as LearningCategory,
    provisionalCategory: r.provisional_category as DataCategory,
    subReason: r.sub_reason as CategorySubReason | null,
    validity: r.validity as Validity,
    validityReasons: r.validity_reasons as string[],
    recommendation: r.recommendation as Recommendation,
    status: r.status as ExperimentStatus,
    countsTowardEwl: r.counts_toward_ewl as boolean,
    endedAt: date(r.ended_at),
    concludedAt: date(r.concluded_at),
    cause: r.cause as ClassificationCause,
    rulesetVersion: r.ruleset_version as string,
    changedAt: new Date(r.changed_at as string),
  }));
}
