import type {
  Decision,
  Experiment,
  ExperimentMetric,
  HealthCheck,
  Hypothesis,
  Learning,
  Metric,
  MetricResult,
  OrgNode,
  Variant,
} from '../../domain/experiment';
import {
  type LearningExperimentRecord,
  type LearningHypothesisRecord,
  type OrgNodeClosureRecord,
} from '../catalogue-tables';

/** The true situation the simulator chose for an experiment (never stored; tests read it). */
export type Scenario = 'WIN' | 'HARM' | 'NULL' | 'SMALL' | 'BROKEN_SPLIT' | 'EMPTY_ARM';

export interface ExperimentTruth {
  readonly scenario: Scenario;
  /** Total units needed for the planned power on every SUCCESS metric and NIM guardrail. */
  readonly requiredUnits: number;
  /** Units actually exposed, summed over arms (0 for drafts). */
  readonly totalUnits: number;
  /** How the simulator's own one-sided z-tests read the drawn data (null for drafts). */
  readonly observed: 'INVALID' | 'REGRESSION' | 'WIN' | 'INFRA_SAFE' | 'NEUTRAL' | 'INCONCLUSIVE' | null;
}

/** The rows that hang off experiments, per table (insert in this field order, after the experiments). */
export interface ExperimentChildRows {
  readonly hypotheses: Hypothesis[];
  readonly variants: Variant[];
  readonly experimentMetrics: ExperimentMetric[];
  readonly metricResults: MetricResult[];
  readonly healthChecks: HealthCheck[];
  readonly decisions: Decision[];
  readonly learnings: Learning[];
  readonly learningExperiments: LearningExperimentRecord[];
  readonly learningHypotheses: LearningHypothesisRecord[];
}

/** Everything that belongs to one simulated experiment, ready to insert. */
export interface ExperimentBundle extends ExperimentChildRows {
  readonly experiment: Experiment;
  readonly truth: ExperimentTruth;
}

/** Rows per table for a run of consecutive experiments (insert experiments first, then the rest in field order). */
export interface PortfolioChunk extends ExperimentChildRows {
  readonly experiments: Experiment[];
}

/** The fixed part of a portfolio (tree and catalogue), inserted before any experiment. */
export interface PortfolioFoundation {
  readonly orgNodes: OrgNode[];
  readonly orgNodeClosure: OrgNodeClosureRecord[];
  readonly metrics: Metric[];
}
