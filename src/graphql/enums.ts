import { registerEnumType } from 'type-graphql';
import * as d from '../domain/experiment';

/**
 * Turns a domain `as const` value list into the enum object `registerEnumType` expects. Every GraphQL
 * enum is derived this way from the domain's tuple, so the domain's union is the only list of its values.
 */
export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const ExperimentKind = enumOf(d.EXPERIMENT_KINDS);
export const ExperimentStatus = enumOf(d.EXPERIMENT_STATUSES);
export const PowerBudgetMode = enumOf(d.POWER_BUDGET_MODES);
export const DeteriorationAlphaMode = enumOf(d.DETERIORATION_ALPHA_MODES);
export const AnalysisMode = enumOf(d.ANALYSIS_MODES);
export const MetricType = enumOf(d.METRIC_TYPES);
export const PreferredDirection = enumOf(d.PREFERRED_DIRECTIONS);
export const MetricRole = enumOf(d.METRIC_ROLES);
export const EffectScale = enumOf(d.EFFECT_SCALES);
export const ResultPeriod = enumOf(d.RESULT_PERIODS);
export const HealthCheckType = enumOf(d.HEALTH_CHECK_TYPES);
export const HealthCheckStatus = enumOf(d.HEALTH_CHECK_STATUSES);
export const HealthCheckSeverity = enumOf(d.HEALTH_CHECK_SEVERITIES);
export const HealthCheckSource = enumOf(d.HEALTH_CHECK_SOURCES);
export const DecisionKind = enumOf(d.DECISION_KINDS);
export const LearningKind = enumOf(d.LEARNING_KINDS);

registerEnumType(ExperimentKind, {
  name: 'ExperimentKind',
  description:
    'What sort of experiment this is. Only AB_TEST counts toward learning rates by default (docs/ewl-rules.md §6.5).',
});
registerEnumType(ExperimentStatus, {
  name: 'ExperimentStatus',
  description: 'Lifecycle: DRAFT -> RUNNING -> STOPPED -> CONCLUDED -> ARCHIVED, one step at a time.',
});
registerEnumType(PowerBudgetMode, {
  name: 'PowerBudgetMode',
  description:
    'How the power budget is split across tests (docs/ewl-rules.md §3.7): SIMPLE divides beta by guardrails + 1; STRICT also charges deterioration and quality tests.',
});
registerEnumType(DeteriorationAlphaMode, {
  name: 'DeteriorationAlphaMode',
  description:
    'Alpha of deterioration tests (docs/ewl-rules.md §11 A3): PER_TEST uses alpha/(arms-1) per test; BONFERRONI also divides by the number of deterioration tests.',
});
registerEnumType(AnalysisMode, {
  name: 'AnalysisMode',
  description:
    'FIXED_HORIZON: the catalogue computes tests from sufficient statistics. EXTERNAL: estimates and flags come from another platform (docs/ewl-rules.md §3.11).',
});
registerEnumType(MetricType, {
  name: 'MetricType',
  description: 'Shape of the metric and of its sufficient statistics (docs/ewl-rules.md §2.6).',
});
registerEnumType(PreferredDirection, {
  name: 'PreferredDirection',
  description: 'Which direction of change is good for the metric.',
});
registerEnumType(MetricRole, {
  name: 'MetricRole',
  description:
    'SUCCESS: superiority test; GUARDRAIL: non-inferiority test when it has a margin (NIM); DETERIORATION: inferiority test only.',
});
registerEnumType(EffectScale, {
  name: 'EffectScale',
  description: 'RELATIVE (share of the control mean, 0.05 = 5%) or ABSOLUTE (metric units).',
});
registerEnumType(ResultPeriod, {
  name: 'ResultPeriod',
  description: 'EXPOSURE: the experiment period; PRE_EXPOSURE: the same units before exposure, for bias checks.',
});
registerEnumType(HealthCheckType, {
  name: 'HealthCheckType',
  description: 'Kind of health check (docs/ewl-rules.md §2.7).',
});
registerEnumType(HealthCheckStatus, { name: 'HealthCheckStatus', description: 'Outcome of a health check.' });
registerEnumType(HealthCheckSeverity, {
  name: 'HealthCheckSeverity',
  description: 'A failing BLOCKING check makes the experiment INVALID; WARNING never does.',
});
registerEnumType(HealthCheckSource, {
  name: 'HealthCheckSource',
  description: 'COMPUTED by the catalogue from the data, or REPORTED by another system.',
});
registerEnumType(DecisionKind, {
  name: 'DecisionKind',
  description: 'What people decided to do after the experiment (docs/ewl-rules.md §2.8).',
});
registerEnumType(LearningKind, {
  name: 'LearningKind',
  description: 'What sort of lesson a learning records (docs/ewl-rules.md §2.9).',
});
