import type {
  AnalysisInput,
  CategorySubReason,
  DataCategory,
  ExperimentAnalysis,
  LearningCategory,
  Recommendation,
  Validity,
} from './analysis-types';
import type { ExperimentStatus } from './experiment';
import { classifyLearningCategory, type LifecycleInput, learningFlags } from './learning-category';

/** An instant after every `endedAt`: the 30-day rule has always run by then. */
const END_OF_TIME = new Date(8.64e15);

/**
 * The per-experiment outcome as stored (docs/ewl-rules.md §14). Everything here is a function of the
 * experiment's inputs only, never of the clock: `category` applies scope and lifecycle but treats a
 * STOPPED experiment without a conclusion as concluded (its data category); readers apply the
 * 30-day rule with {@link effectiveCategory} (and the roll-up SQL against the window's end).
 */
export interface StoredClassification {
  readonly validity: Validity;
  readonly validityReasons: readonly string[];
  readonly category: LearningCategory;
  readonly provisionalCategory: DataCategory;
  readonly subReason: CategorySubReason | null;
  readonly isLearning: boolean | null;
  readonly isWin: boolean | null;
  readonly recommendation: Recommendation;
  readonly status: ExperimentStatus;
  readonly countsTowardEwl: boolean;
  readonly endedAt: Date | null;
  readonly concludedAt: Date | null;
  readonly rulesetVersion: string;
}

/** Derives the stored record from an analysis of the same input (any `asOf`). */
export function toStoredClassification(input: AnalysisInput, analysis: ExperimentAnalysis): StoredClassification {
  const lifecycle: LifecycleInput = {
    status: input.status,
    countsTowardEwl: input.countsTowardEwl,
    endedAt: input.endedAt,
    concludedAt: input.concludedAt,
  };
  const category = classifyLearningCategory(analysis.provisionalCategory, lifecycle, END_OF_TIME);
  const flags = learningFlags(category);
  return {
    validity: analysis.validity,
    validityReasons: analysis.validityReasons.map((r) => r.code),
    category,
    provisionalCategory: analysis.provisionalCategory,
    subReason: category === 'PENDING' || category === 'EXCLUDED' ? null : analysis.provisionalSubReason,
    isLearning: flags.isLearning,
    isWin: flags.isWin,
    recommendation: analysis.recommendation,
    status: input.status,
    countsTowardEwl: input.countsTowardEwl,
    endedAt: input.endedAt,
    concludedAt: input.concludedAt,
    rulesetVersion: analysis.rulesetVersion,
  };
}

/**
 * The category of a stored row at `asOf`: the stored one, or PENDING for a STOPPED run within 30 days of its end
 * (docs/ewl-rules.md §6.4).
 */
export function effectiveCategory(
  stored: Pick<
    StoredClassification,
    'category' | 'provisionalCategory' | 'status' | 'countsTowardEwl' | 'endedAt' | 'concludedAt'
  >,
  asOf: Date,
): LearningCategory {
  return classifyLearningCategory(stored.provisionalCategory, stored, asOf);
}

/**
 * What caused a stored classification to be (re)computed (README "Safe writes", classification history):
 * - CREATED: the experiment was created;
 * - DESIGN_CHANGED: its variants, metrics, settings or owner were edited;
 * - STATUS_CHANGED: a lifecycle transition (start, stop, conclude, archive ...);
 * - RESULTS: results or units were recorded;
 * - HEALTH_CHECKS: health checks were reported;
 * - METRIC_CHANGED: a metric's type or preferred direction changed (every experiment using it);
 * - RULESET: a recomputation under a new ruleset version;
 * - RECLASSIFIED: a recomputation asked for by an admin under the same ruleset;
 * - IMPORTED: a bulk import;
 * - SEEDED: the demo data;
 * - HISTORY_STARTED: the state found when the history was introduced (its first row).
 */
export const CLASSIFICATION_CAUSES = [
  'CREATED',
  'DESIGN_CHANGED',
  'STATUS_CHANGED',
  'RESULTS',
  'HEALTH_CHECKS',
  'METRIC_CHANGED',
  'RULESET',
  'RECLASSIFIED',
  'IMPORTED',
  'SEEDED',
  'HISTORY_STARTED',
] as const;
export type ClassificationCause = (typeof CLASSIFICATION_CAUSES)[number];

/**
 * One version of an experiment's stored classification (append-only history): written whenever
 * the stored snapshot changed. `fromCategory` is the category of the version before (null for the
 * first); a version whose category differs from it is a category change.
 */
export interface ClassificationVersion extends Omit<StoredClassification, 'isLearning' | 'isWin'> {
  readonly experimentId: string;
  readonly fromCategory: LearningCategory | null;
  readonly cause: ClassificationCause;
  readonly changedAt: Date;
}

/** The category changes among versions (oldest first): every version whose category differs from the one before. */
export function categoryChanges(versions: readonly ClassificationVersion[]): ClassificationVersion[] {
  return versions.filter((v) => v.fromCategory !== v.category);
}

/**
 * The version in force at `asOf`: the last one stored at or before it (versions oldest first);
 * null when the experiment had no classification yet (it did not exist).
 */
export function versionAt(versions: readonly ClassificationVersion[], asOf: Date): ClassificationVersion | null {
  let found: ClassificationVersion | null = null;
  for (const v of versions) {
    if (v.changedAt.getTime() > asOf.getTime()) break;
    found = v;
  }
  return found;
}
