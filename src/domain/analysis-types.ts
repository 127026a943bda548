/**
 * Inputs and outputs of the pure EwL analysis (docs/ewl-rules.md §2.10, §4 to §6). Plain records: `src/db`
 * loads them, `src/graphql` exposes them.
 */
import type {
  DecisionKind,
  DeteriorationAlphaMode,
  EffectScale,
  Experiment,
  ExternalEstimateValues,
  HealthCheck,
  HealthCheckSource,
  HealthCheckType,
  MetricRole,
  MetricType,
  PowerBudgetMode,
  PreferredDirection,
  SufficientStatistics,
} from './experiment';

/** Sufficient statistics of one metric in one arm (docs/ewl-rules.md §2.6); `sumSq` etc. as in `MetricResult`. */
export interface ArmStatistics extends SufficientStatistics {
  readonly variantId: string;
}

/** A platform-computed estimate for one treatment arm (EXTERNAL mode). */
export interface ExternalEstimate extends ExternalEstimateValues {
  readonly variantId: string;
}

export interface AnalysisMetric {
  readonly id: string;
  readonly metricKey: string;
  readonly name: string;
  readonly role: MetricRole;
  readonly type: MetricType;
  readonly preferredDirection: PreferredDirection;
  readonly mde: number | null;
  readonly mdeScale: EffectScale | null;
  readonly nim: number | null;
  readonly nimScale: EffectScale | null;
  readonly results: readonly ArmStatistics[];
  readonly preExposureResults: readonly ArmStatistics[];
  readonly externalResults: readonly ExternalEstimate[];
}

export interface AnalysisVariant {
  readonly id: string;
  readonly key: string;
  readonly isControl: boolean;
  readonly plannedWeight: number;
  readonly units: number | null;
  readonly multiExposedUnits: number | null;
}

/** A health check reported by another system (the stored `HealthCheck` without its experiment and source). */
export interface ReportedCheck extends Omit<HealthCheck, 'experimentId' | 'source' | 'reportedAt'> {
  readonly reportedAt: Date | null;
}

/** Everything the classifier reads about one experiment: its settings and lifecycle, arms, metrics and reported checks. */
export interface AnalysisInput extends Pick<
  Experiment,
  | 'kind'
  | 'status'
  | 'countsTowardEwl'
  | 'startedAt'
  | 'endedAt'
  | 'concludedAt'
  | 'alpha'
  | 'power'
  | 'powerBudgetMode'
  | 'deteriorationAlphaMode'
  | 'analysisMode'
  | 'plannedSampleSize'
> {
  readonly variants: readonly AnalysisVariant[];
  readonly metrics: readonly AnalysisMetric[];
  readonly reportedChecks: readonly ReportedCheck[];
}

/** What-if overrides of the experiment's settings; never stored (docs/ewl-rules.md §14). */
export interface AnalysisSettings {
  readonly alpha?: number;
  readonly power?: number;
  readonly srmThreshold?: number;
  readonly powerBudgetMode?: PowerBudgetMode;
  readonly deteriorationAlphaMode?: DeteriorationAlphaMode;
}

export const VALIDITIES = ['VALID', 'INVALID', 'UNKNOWN'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_REASON_CODES = [
  'SRM_FAILED',
  'NO_TRAFFIC',
  'REPORTED_CHECK_FAILED',
  'MISSING_HEALTH_DATA',
] as const;
export type ValidityReasonCode = (typeof VALIDITY_REASON_CODES)[number];

export interface ValidityReason {
  readonly code: ValidityReasonCode;
  readonly checkType: HealthCheckType | null;
  readonly message: string;
}

/** A computed or reported health check as shown with the analysis (computed ones have no id). */
export interface HealthCheckResult extends Omit<ReportedCheck, 'id'> {
  readonly id: string | null;
  readonly source: HealthCheckSource;
}

export interface ValidityResult {
  readonly validity: Validity;
  readonly reasons: readonly ValidityReason[];
  readonly checks: readonly HealthCheckResult[];
}

/** Categories an arm (or an experiment's data) can have, before lifecycle and scope rules; the rates' denominator. */
export const DATA_CATEGORIES = ['WIN', 'REGRESSION', 'POWERED_NEUTRAL', 'UNDERPOWERED', 'INVALID'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export const LEARNING_CATEGORIES = [...DATA_CATEGORIES, 'PENDING', 'EXCLUDED'] as const;
export type LearningCategory = (typeof LEARNING_CATEGORIES)[number];
export const CATEGORY_SUB_REASONS = [
  'NO_EFFECT',
  'GUARDRAIL_NOT_CLEARED',
  'INFRA_SAFE',
  'BELOW_REQUIRED_SAMPLE',
  'MISSING_MDE',
  'NO_DECISION_METRICS',
  'NO_DATA',
  'SUCCESS_METRIC_IMPROVED',
  'METRIC_DETERIORATED',
  ...VALIDITY_REASON_CODES,
] as const;
export type CategorySubReason = (typeof CATEGORY_SUB_REASONS)[number];
export const RECOMMENDATIONS = ['SHIP', 'CONTINUE', 'END', 'ABORT', 'INVESTIGATE'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** Whether a metric could be analysed: NOT_ENOUGH_DATA leaves numbers null (never NaN), with a reason. */
export const METRIC_DATA_STATUSES = ['OK', 'NOT_ENOUGH_DATA'] as const;
export type MetricDataStatus = (typeof METRIC_DATA_STATUSES)[number];
/** Why a metric has NOT_ENOUGH_DATA. */
export const NOT_ENOUGH_DATA_REASONS = [
  'NO_DATA',
  'INSUFFICIENT_SAMPLE',
  'ZERO_VARIANCE',
  'CONTROL_MEAN_ZERO',
] as const;
export type NotEnoughDataReason = (typeof NOT_ENOUGH_DATA_REASONS)[number];

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Per metric and treatment arm (docs/ewl-rules.md §2.10 MetricArmAnalysis). Numbers are null when undefined,
 * never NaN.
 */
export interface MetricArmAnalysis {
  readonly metricId: string;
  readonly metricKey: string;
  readonly role: MetricRole;
  readonly dataStatus: MetricDataStatus;
  readonly dataStatusReason: NotEnoughDataReason | null;
  readonly dataStatusDetail: string | null;
  readonly meanC: number | null;
  readonly meanT: number | null;
  readonly meanCInterval: Interval | null;
  readonly meanTInterval: Interval | null;
  readonly diffAbs: number | null;
  readonly stdErr: number | null;
  readonly diffRel: number | null;
  readonly stdErrRel: number | null;
  readonly ciAbs: Interval | null;
  readonly ciRel: Interval | null;
  readonly ciLevel: number;
  /** α of the metric's main test (superiority, non-inferiority or deterioration). */
  readonly alphaUsed: number;
  readonly alphaDeterioration: number;
  /** Per-test power target 1 − β* (null when the metric has no power requirement). */
  readonly powerTarget: number | null;
  readonly mdeAbs: number | null;
  readonly nimAbs: number | null;
  /** `mdeAbs` on the relative scale of `diffRel` (`toRelative`, docs/ewl-rules.md §15 D21). */
  readonly mdeRelative: number | null;
  /** `nimAbs` on the relative scale of `diffRel` (`toRelative`). */
  readonly nimRelative: number | null;
  readonly pValueSuperiority: number | null;
  readonly pValueNonInferiority: number | null;
  readonly pValueDeterioration: number | null;
  readonly superior: boolean | null;
  readonly nonInferior: boolean | null;
  readonly deteriorated: boolean;
  readonly achievedPower: number | null;
  readonly poweredEffectAbs: number | null;
  /** Null when the metric has no power requirement (deterioration-only, guardrail without NIM). */
  readonly isPowered: boolean | null;
  readonly requiredSampleSize: SampleSize | null;
}

export interface SampleSize {
  readonly control: number;
  readonly treatment: number;
  /** Units for the whole experiment (all arms at their planned weights). */
  readonly total: number;
}

export interface ArmAnalysis {
  readonly variantId: string;
  readonly variantKey: string;
  readonly category: DataCategory;
  readonly subReason: CategorySubReason;
  readonly recommendation: Recommendation;
  readonly reasons: readonly string[];
  readonly powered: boolean;
  readonly alphaSuccess: number | null;
  readonly alphaGuardrail: number;
  readonly alphaDeterioration: number;
  readonly betaPerTest: number;
  readonly metrics: readonly MetricArmAnalysis[];
}

export interface ExperimentAnalysis {
  readonly rulesetVersion: string;
  readonly validity: Validity;
  readonly validityReasons: readonly ValidityReason[];
  readonly healthChecks: readonly HealthCheckResult[];
  readonly arms: readonly ArmAnalysis[];
  /** Category after scope and lifecycle rules at `asOf` (docs/ewl-rules.md §6.3). */
  readonly category: LearningCategory;
  /** Category from the data alone (what PENDING experiments would be now). */
  readonly provisionalCategory: DataCategory;
  readonly provisionalSubReason: CategorySubReason;
  readonly subReason: CategorySubReason | null;
  /** Null for PENDING and EXCLUDED (they are not in any rate). */
  readonly isLearning: boolean | null;
  readonly isWin: boolean | null;
  readonly provisional: boolean;
  readonly recommendation: Recommendation;
  /** The date the experiment counts as concluded on (concludedAt, or endedAt for stale STOPPED ones). */
  readonly conclusionDate: Date | null;
  /** Human decisions expected for the category (docs/ewl-rules.md §6.6). */
  readonly expectedDecisions: readonly DecisionKind[];
}
