import type { AnalysisInput, CategorySubReason, DataCategory, ExperimentAnalysis, LearningCategory, Recommendation, Validity } from './analysis-types';
import type { ExperimentStatus } from './experiment';
import { classifyLearningCategory, type LifecycleInput, learningFlags } from './learning-category';

/** An instant after every `endedAt`: the 30-day rule has always run by then. */
const END_OF_TIME = new Date(8.64e15);

/**
 * The per-experiment outcome as stored (spec §14). Everything here is a function of the
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
  const lifecycle: LifecycleInput = { status: input.status, countsTowardEwl: input.countsTowardEwl, endedAt: input.endedAt, concludedAt: input.concludedAt };
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

/** The category of a stored row at `asOf`: the stored one, or PENDING for a STOPPED run within 30 days of its end (spec §6.4). */
export function effectiveCategory(stored: Pick<StoredClassification, 'category' | 'provisionalCategory' | 'status' | 'countsTowardEwl' | 'endedAt' | 'concludedAt'>, asOf: Date): LearningCategory {
  return classifyLearningCategory(stored.provisionalCategory, stored, asOf);
}
