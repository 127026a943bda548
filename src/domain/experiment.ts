/**
 * The catalogue's records as plain types (docs/ewl-rules.md §2). No ORM or GraphQL types here: `src/db`
 * maps rows to these, `src/graphql` exposes them.
 */

export const EXPERIMENT_KINDS = ['AB_TEST', 'ROLLOUT', 'AA_TEST', 'CAMPAIGN', 'OTHER'] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

export const EXPERIMENT_STATUSES = ['DRAFT', 'RUNNING', 'STOPPED', 'CONCLUDED', 'ARCHIVED'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const POWER_BUDGET_MODES = ['SIMPLE', 'STRICT'] as const;
export type PowerBudgetMode = (typeof POWER_BUDGET_MODES)[number];

export const DETERIORATION_ALPHA_MODES = ['PER_TEST', 'BONFERRONI'] as const;
export type DeteriorationAlphaMode = (typeof DETERIORATION_ALPHA_MODES)[number];

export const ANALYSIS_MODES = ['FIXED_HORIZON', 'EXTERNAL'] as const;
export type AnalysisMode = (typeof ANALYSIS_MODES)[number];

export const METRIC_TYPES = ['BINARY', 'CONTINUOUS', 'RATIO'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

export const PREFERRED_DIRECTIONS = ['INCREASE', 'DECREASE'] as const;
export type PreferredDirection = (typeof PREFERRED_DIRECTIONS)[number];

export const METRIC_ROLES = ['SUCCESS', 'GUARDRAIL', 'DETERIORATION'] as const;
export type MetricRole = (typeof METRIC_ROLES)[number];

export const EFFECT_SCALES = ['RELATIVE', 'ABSOLUTE'] as const;
export type EffectScale = (typeof EFFECT_SCALES)[number];

export const RESULT_PERIODS = ['EXPOSURE', 'PRE_EXPOSURE'] as const;
export type ResultPeriod = (typeof RESULT_PERIODS)[number];

export const HEALTH_CHECK_TYPES = [
  'SRM',
  'NO_TRAFFIC',
  'MULTIPLE_EXPOSURE',
  'PRE_EXPOSURE_BIAS',
  'MIN_RUNTIME',
  'CUSTOM',
] as const;
export type HealthCheckType = (typeof HEALTH_CHECK_TYPES)[number];

export const HEALTH_CHECK_STATUSES = ['PASS', 'WARN', 'FAIL', 'NOT_ENOUGH_DATA', 'NOT_RUN'] as const;
export type HealthCheckStatus = (typeof HEALTH_CHECK_STATUSES)[number];

export const HEALTH_CHECK_SEVERITIES = ['BLOCKING', 'WARNING'] as const;
export type HealthCheckSeverity = (typeof HEALTH_CHECK_SEVERITIES)[number];

export const HEALTH_CHECK_SOURCES = ['COMPUTED', 'REPORTED'] as const;
export type HealthCheckSource = (typeof HEALTH_CHECK_SOURCES)[number];

export const DECISION_KINDS = ['SHIP', 'SHIP_INFRA', 'ABORT', 'ITERATE', 'ABANDON', 'RERUN', 'NONE'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const LEARNING_KINDS = [
  'WHAT_WORKS',
  'WHAT_DOES_NOT',
  'REGRESSION_CAUGHT',
  'INFRA_SAFE',
  'METHOD',
  'OTHER',
] as const;
export type LearningKind = (typeof LEARNING_KINDS)[number];

export interface OrgNode {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  /** Free label such as `company`, `department`, `team`. */
  readonly kind: string;
  readonly parentId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface Experiment {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly ownerNodeId: string;
  readonly kind: ExperimentKind;
  readonly countsTowardEwl: boolean;
  readonly status: ExperimentStatus;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  readonly concludedAt: Date | null;
  readonly alpha: number;
  readonly power: number;
  readonly powerBudgetMode: PowerBudgetMode;
  readonly deteriorationAlphaMode: DeteriorationAlphaMode;
  readonly analysisMode: AnalysisMode;
  readonly plannedSampleSize: number | null;
  readonly plannedRuntimeDays: number | null;
  readonly randomizationUnit: string;
  readonly tags: readonly string[];
  /** The product surface it changes (e.g. `checkout`): normalised like a tag; null when not given. */
  readonly surface: string | null;
  readonly restartOfId: string | null;
  readonly externalSource: string | null;
  readonly externalId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface Hypothesis {
  readonly id: string;
  readonly experimentId: string;
  readonly statement: string;
  readonly rationale: string;
  /** Set when the experiment starts; a locked hypothesis can no longer be edited. */
  readonly lockedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface Variant {
  readonly id: string;
  readonly experimentId: string;
  readonly key: string;
  readonly name: string;
  readonly isControl: boolean;
  readonly plannedWeight: number;
  readonly units: number | null;
  readonly multiExposedUnits: number | null;
  readonly position: number;
}

export interface Metric {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly type: MetricType;
  readonly preferredDirection: PreferredDirection;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface ExperimentMetric {
  readonly id: string;
  readonly experimentId: string;
  readonly metricId: string;
  readonly role: MetricRole;
  readonly mde: number | null;
  readonly mdeScale: EffectScale | null;
  readonly nim: number | null;
  readonly nimScale: EffectScale | null;
  readonly position: number;
}

/**
 * Sufficient statistics of one metric in one variant (docs/ewl-rules.md §2.6). For RATIO metrics `sum`/`sumSq`
 * are over the numerator Y and `sumX`/`sumXSq`/`sumXY` over the denominator X.
 */
export interface MetricResult extends SufficientStatistics {
  readonly id: string;
  readonly experimentMetricId: string;
  readonly variantId: string;
  readonly period: ResultPeriod;
  readonly metricType: MetricType;
  readonly updatedAt: Date;
}

/** The six sums of docs/ewl-rules.md §2.6 (BINARY and CONTINUOUS use n, sum, sumSq; RATIO all six). */
export interface SufficientStatistics {
  readonly n: number;
  readonly sum: number;
  readonly sumSq: number | null;
  readonly sumX: number | null;
  readonly sumXSq: number | null;
  readonly sumXY: number | null;
}

/** What another platform reports for a treatment arm (EXTERNAL mode). */
export interface ExternalEstimateValues {
  readonly controlMean: number | null;
  readonly estimateAbs: number;
  readonly stdErr: number | null;
  readonly superior: boolean | null;
  readonly nonInferior: boolean | null;
  readonly deteriorated: boolean | null;
}

/** A result computed by another platform, per treatment arm (docs/ewl-rules.md §2.6, EXTERNAL mode). */
export interface ExternalResult extends ExternalEstimateValues {
  readonly id: string;
  readonly experimentMetricId: string;
  readonly variantId: string;
  readonly updatedAt: Date;
}

export interface HealthCheck {
  readonly id: string;
  readonly experimentId: string;
  readonly type: HealthCheckType;
  /** Distinguishes several CUSTOM checks; empty for the built-in types. */
  readonly name: string;
  readonly source: HealthCheckSource;
  readonly status: HealthCheckStatus;
  readonly severity: HealthCheckSeverity;
  readonly pValue: number | null;
  readonly observed: number | null;
  readonly threshold: number | null;
  readonly details: string;
  /** The system that reported the check (e.g. `growthbook`), empty when unknown. */
  readonly reporter: string;
  readonly reportedAt: Date;
}

export interface Decision {
  readonly id: string;
  readonly experimentId: string;
  readonly kind: DecisionKind;
  readonly shippedVariantId: string | null;
  readonly rationale: string;
  readonly decidedBy: string;
  readonly decidedAt: Date;
  /** True for the latest decision of its experiment (by `decidedAt`, then recording order). */
  readonly isCurrent: boolean;
  readonly createdAt: Date;
}

export interface Learning {
  readonly id: string;
  readonly summary: string;
  readonly kind: LearningKind;
  readonly tags: readonly string[];
  readonly author: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}
