import { type DataSource } from 'typeorm';
import {
  type ExperimentByKeyPlan,
  type ExperimentRelations,
  type ExperimentRelationsPlan,
  findExperimentRelations,
  findExperimentsByKeyWithRelations,
} from '../../db/queries/experiment-relations-reads';
import { createNodeQueryLoader } from './node-query-batch';

/**
 * The relations a selection asks of experiments (src/graphql/experiment-relations.ts), read ahead
 * of their field resolvers: keys with the same plan are answered by one statement, so the pages
 * of several org nodes asking the same fields cost one read together. Under an
 * `ExperimentByKeyPlan` the keys are experiments' keys, each answered with its experiment's record
 * (`experiment`), or null when no experiment has that key.
 */
export function createExperimentRelationsByExperimentIdLoader(dataSource: DataSource) {
  return createNodeQueryLoader(
    (ids: string[], plan: ExperimentRelationsPlan | ExperimentByKeyPlan): Promise<Array<ExperimentRelations | null>> =>
      'byKey' in plan
        ? findExperimentsByKeyWithRelations(dataSource, ids, plan)
        : findExperimentRelations(dataSource, ids, plan),
  );
}
