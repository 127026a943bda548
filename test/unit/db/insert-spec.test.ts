import 'reflect-metadata';
import { insertSpecOf, type TableSpec } from '../../../src/db/bulk-insert';
import * as T from '../../../src/db/catalogue-tables';
import * as E from '../../../src/db/entities';

const pairs: Array<[string, TableSpec<never>, new () => unknown]> = [
  ['org_node', T.ORG_NODE, E.OrgNodeEntity],
  ['org_node_closure', T.ORG_NODE_CLOSURE, E.OrgNodeClosureEntity],
  ['metric', T.METRIC, E.MetricEntity],
  ['experiment', T.EXPERIMENT, E.ExperimentEntity],
  ['hypothesis', T.HYPOTHESIS, E.HypothesisEntity],
  ['variant', T.VARIANT, E.VariantEntity],
  ['experiment_metric', T.EXPERIMENT_METRIC, E.ExperimentMetricEntity],
  ['metric_result', T.METRIC_RESULT, E.MetricResultEntity],
  ['health_check', T.HEALTH_CHECK, E.HealthCheckEntity],
  ['decision', T.DECISION, E.DecisionEntity],
  ['learning', T.LEARNING, E.LearningEntity],
  ['learning_experiment', T.LEARNING_EXPERIMENT, E.LearningExperimentEntity],
  ['learning_hypothesis', T.LEARNING_HYPOTHESIS, E.LearningHypothesisEntity],
];

const shape = (spec: TableSpec<never>) =>
  spec.columns
    .map((c) => ({ column: c.column, arrayType: c.arrayType, cast: c.cast }))
    .sort((a, b) => a.column.localeCompare(b.column));

describe('insertSpecOf', () => {
  it.each(pairs)('maps %s as the hand-written spec does', (table, written, entity) => {
    const derived = insertSpecOf(entity) as TableSpec<never>;
    expect(derived.table).toBe(table);
    expect(shape(derived)).toEqual(shape(written));
  });
});
