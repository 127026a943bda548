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
} from '../domain/experiment';
import { column as c, iso, type TableSpec, textArrayLiteral } from './bulk-insert';

/** One row of `org_node_closure`. */
export interface OrgNodeClosureRecord {
  readonly ancestorId: string;
  readonly descendantId: string;
  readonly depth: number;
}

/** One row of `learning_experiment`. */
export interface LearningExperimentRecord {
  readonly learningId: string;
  readonly experimentId: string;
}

/** One row of `learning_hypothesis`. */
export interface LearningHypothesisRecord {
  readonly learningId: string;
  readonly hypothesisId: string;
}

/** Column mappings of the catalogue tables, written by the bulk import and the demo seed (schema: migrations/1764000000000). */
export const ORG_NODE: TableSpec<OrgNode> = {
  table: 'org_node',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('key', 'text[]', (r) => r.key),
    c('name', 'text[]', (r) => r.name),
    c('kind', 'text[]', (r) => r.kind),
    c('parent_id', 'uuid[]', (r) => r.parentId),
    c('created_at', 'timestamptz[]', (r) => iso(r.createdAt)),
    c('updated_at', 'timestamptz[]', (r) => iso(r.updatedAt)),
    c('version', 'int4[]', (r) => r.version),
  ],
};

export const ORG_NODE_CLOSURE: TableSpec<OrgNodeClosureRecord> = {
  table: 'org_node_closure',
  columns: [
    c('ancestor_id', 'uuid[]', (r) => r.ancestorId),
    c('descendant_id', 'uuid[]', (r) => r.descendantId),
    c('depth', 'int4[]', (r) => r.depth),
  ],
};

export const METRIC: TableSpec<Metric> = {
  table: 'metric',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('key', 'text[]', (r) => r.key),
    c('name', 'text[]', (r) => r.name),
    c('description', 'text[]', (r) => r.description),
    c('type', 'text[]', (r) => r.type),
    c('preferred_direction', 'text[]', (r) => r.preferredDirection),
    c('created_at', 'timestamptz[]', (r) => iso(r.createdAt)),
    c('updated_at', 'timestamptz[]', (r) => iso(r.updatedAt)),
    c('version', 'int4[]', (r) => r.version),
  ],
};

export const EXPERIMENT: TableSpec<Experiment> = {
  table: 'experiment',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('key', 'text[]', (r) => r.key),
    c('title', 'text[]', (r) => r.title),
    c('description', 'text[]', (r) => r.description),
    c('owner_node_id', 'uuid[]', (r) => r.ownerNodeId),
    c('kind', 'text[]', (r) => r.kind),
    c('counts_toward_ewl', 'bool[]', (r) => r.countsTowardEwl),
    c('status', 'text[]', (r) => r.status),
    c('started_at', 'timestamptz[]', (r) => iso(r.startedAt)),
    c('ended_at', 'timestamptz[]', (r) => iso(r.endedAt)),
    c('concluded_at', 'timestamptz[]', (r) => iso(r.concludedAt)),
    c('alpha', 'float8[]', (r) => r.alpha),
    c('power', 'float8[]', (r) => r.power),
    c('power_budget_mode', 'text[]', (r) => r.powerBudgetMode),
    c('deterioration_alpha_mode', 'text[]', (r) => r.deteriorationAlphaMode),
    c('analysis_mode', 'text[]', (r) => r.analysisMode),
    c('planned_sample_size', 'int8[]', (r) => r.plannedSampleSize),
    c('planned_runtime_days', 'int4[]', (r) => r.plannedRuntimeDays),
    c('randomization_unit', 'text[]', (r) => r.randomizationUnit),
    c('tags', 'text[]', (r) => textArrayLiteral(r.tags), 'text[]'),
    c('surface', 'text[]', (r) => r.surface),
    c('restart_of_id', 'uuid[]', (r) => r.restartOfId),
    c('external_source', 'text[]', (r) => r.externalSource),
    c('external_id', 'text[]', (r) => r.externalId),
    c('created_at', 'timestamptz[]', (r) => iso(r.createdAt)),
    c('updated_at', 'timestamptz[]', (r) => iso(r.updatedAt)),
    c('version', 'int4[]', (r) => r.version),
  ],
};

export const HYPOTHESIS: TableSpec<Hypothesis> = {
  table: 'hypothesis',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('experiment_id', 'uuid[]', (r) => r.experimentId),
    c('statement', 'text[]', (r) => r.statement),
    c('rationale', 'text[]', (r) => r.rationale),
    c('locked_at', 'timestamptz[]', (r) => iso(r.lockedAt)),
    c('created_at', 'timestamptz[]', (r) => iso(r.createdAt)),
    c('updated_at', 'timestamptz[]', (r) => iso(r.updatedAt)),
    c('version', 'int4[]', (r) => r.version),
  ],
};

export const VARIANT: TableSpec<Variant> = {
  table: 'variant',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('experiment_id', 'uuid[]', (r) => r.experimentId),
    c('key', 'text[]', (r) => r.key),
    c('name', 'text[]', (r) => r.name),
    c('is_control', 'bool[]', (r) => r.isControl),
    c('planned_weight', 'float8[]', (r) => r.plannedWeight),
    c('units', 'int8[]', (r) => r.units),
    c('multi_exposed_units', 'int8[]', (r) => r.multiExposedUnits),
    c('position', 'int4[]', (r) => r.position),
  ],
};

export const EXPERIMENT_METRIC: TableSpec<ExperimentMetric> = {
  table: 'experiment_metric',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('experiment_id', 'uuid[]', (r) => r.experimentId),
    c('metric_id', 'uuid[]', (r) => r.metricId),
    c('role', 'text[]', (r) => r.role),
    c('mde', 'float8[]', (r) => r.mde),
    c('mde_scale', 'text[]', (r) => r.mdeScale),
    c('nim', 'float8[]', (r) => r.nim),
    c('nim_scale', 'text[]', (r) => r.nimScale),
    c('position', 'int4[]', (r) => r.position),
  ],
};

export const METRIC_RESULT: TableSpec<MetricResult> = {
  table: 'metric_result',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('experiment_metric_id', 'uuid[]', (r) => r.experimentMetricId),
    c('variant_id', 'uuid[]', (r) => r.variantId),
    c('period', 'text[]', (r) => r.period),
    c('metric_type', 'text[]', (r) => r.metricType),
    c('n', 'int8[]', (r) => r.n),
    c('sum', 'float8[]', (r) => r.sum),
    c('sum_sq', 'float8[]', (r) => r.sumSq),
    c('sum_x', 'float8[]', (r) => r.sumX),
    c('sum_x_sq', 'float8[]', (r) => r.sumXSq),
    c('sum_xy', 'float8[]', (r) => r.sumXY),
    c('updated_at', 'timestamptz[]', (r) => iso(r.updatedAt)),
  ],
};

export const HEALTH_CHECK: TableSpec<HealthCheck> = {
  table: 'health_check',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('experiment_id', 'uuid[]', (r) => r.experimentId),
    c('type', 'text[]', (r) => r.type),
    c('name', 'text[]', (r) => r.name),
    c('status', 'text[]', (r) => r.status),
    c('severity', 'text[]', (r) => r.severity),
    c('p_value', 'float8[]', (r) => r.pValue),
    c('observed', 'float8[]', (r) => r.observed),
    c('threshold', 'float8[]', (r) => r.threshold),
    c('details', 'text[]', (r) => r.details),
    c('reporter', 'text[]', (r) => r.reporter),
    c('reported_at', 'timestamptz[]', (r) => iso(r.reportedAt)),
  ],
};

export const DECISION: TableSpec<Decision> = {
  table: 'decision',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('experiment_id', 'uuid[]', (r) => r.experimentId),
    c('kind', 'text[]', (r) => r.kind),
    c('shipped_variant_id', 'uuid[]', (r) => r.shippedVariantId),
    c('rationale', 'text[]', (r) => r.rationale),
    c('decided_by', 'text[]', (r) => r.decidedBy),
    c('decided_at', 'timestamptz[]', (r) => iso(r.decidedAt)),
    c('is_current', 'bool[]', (r) => r.isCurrent),
    c('created_at', 'timestamptz[]', (r) => iso(r.createdAt)),
  ],
};

export const LEARNING: TableSpec<Learning> = {
  table: 'learning',
  columns: [
    c('id', 'uuid[]', (r) => r.id),
    c('summary', 'text[]', (r) => r.summary),
    c('kind', 'text[]', (r) => r.kind),
    c('tags', 'text[]', (r) => textArrayLiteral(r.tags), 'text[]'),
    c('author', 'text[]', (r) => r.author),
    c('created_at', 'timestamptz[]', (r) => iso(r.createdAt)),
    c('updated_at', 'timestamptz[]', (r) => iso(r.updatedAt)),
    c('version', 'int4[]', (r) => r.version),
  ],
};

export const LEARNING_EXPERIMENT: TableSpec<LearningExperimentRecord> = {
  table: 'learning_experiment',
  columns: [c('learning_id', 'uuid[]', (r) => r.learningId), c('experiment_id', 'uuid[]', (r) => r.experimentId)],
};

export const LEARNING_HYPOTHESIS: TableSpec<LearningHypothesisRecord> = {
  table: 'learning_hypothesis',
  columns: [c('learning_id', 'uuid[]', (r) => r.learningId), c('hypothesis_id', 'uuid[]', (r) => r.hypothesisId)],
};

/** Every catalogue table, children first (the order a reset empties them in). */
export const CATALOGUE_TABLES = [
  'learning_hypothesis',
  'learning_experiment',
  'learning',
  'decision',
  'health_check',
  'external_result',
  'metric_result',
  'experiment_metric',
  'metric',
  'variant',
  'hypothesis',
  'experiment',
  'org_node_closure',
  'org_node',
] as const;
