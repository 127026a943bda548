import { type DataSource } from 'typeorm';
import { type ExperimentRelationsPlan, findExperimentRelations } from '../../db/queries/experiment-relations-reads';
import { createNodeQueryLoader } from './node-query-batch';

/**
 * The relations a selection asks of experiments (src/graphql/experiment-relations.ts), read ahead
 * of their field resolvers: keys with the same plan are answered by one statement, so the pages
 * of several org nodes asking the same fields cost one read together.
 */
export function createExperimentRelationsByExperimentIdLoader(dataSource: DataSource) {
  return createNodeQueryLoader((ids: string[], plan: ExperimentRelationsPlan) =>
    findExperimentRelations(dataSource, ids, plan),
  );
}
