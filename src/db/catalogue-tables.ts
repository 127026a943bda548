import { insertSpecOf, type Stored } from './bulk-insert';
import {
  DecisionEntity,
  ExperimentEntity,
  ExperimentMetricEntity,
  HealthCheckEntity,
  HypothesisEntity,
  LearningEntity,
  LearningExperimentEntity,
  LearningHypothesisEntity,
  MetricEntity,
  MetricResultEntity,
  OrgNodeClosureEntity,
  OrgNodeEntity,
  VariantEntity,
} from './entities';

/** One row of `org_node_closure`. */
export type OrgNodeClosureRecord = Stored<OrgNodeClosureEntity>;

/** One row of `learning_experiment`. */
export type LearningExperimentRecord = Stored<LearningExperimentEntity>;

/** One row of `learning_hypothesis`. */
export type LearningHypothesisRecord = Stored<LearningHypothesisEntity>;

// Bulk-insert mappings of the catalogue tables, written by the import and the demo seed, derived
// from the entities (a column declared there is written here too; schema: migrations/).
export const ORG_NODE = insertSpecOf(OrgNodeEntity);
export const ORG_NODE_CLOSURE = insertSpecOf(OrgNodeClosureEntity);
export const METRIC = insertSpecOf(MetricEntity);
export const EXPERIMENT = insertSpecOf(ExperimentEntity);
export const HYPOTHESIS = insertSpecOf(HypothesisEntity);
export const VARIANT = insertSpecOf(VariantEntity);
export const EXPERIMENT_METRIC = insertSpecOf(ExperimentMetricEntity);
export const METRIC_RESULT = insertSpecOf(MetricResultEntity);
export const HEALTH_CHECK = insertSpecOf(HealthCheckEntity);
export const DECISION = insertSpecOf(DecisionEntity, ['seq']);
export const LEARNING = insertSpecOf(LearningEntity);
export const LEARNING_EXPERIMENT = insertSpecOf(LearningExperimentEntity);
export const LEARNING_HYPOTHESIS = insertSpecOf(LearningHypothesisEntity);

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
