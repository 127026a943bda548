import { type DataSource } from 'typeorm';
import { type Experiment } from '../../domain/experiment';
import { type DecisionDebtQuery, findDecisionDebtPages } from '../../db/queries/decision-debt-reads';
import { type Connection } from '../../db/queries/page-reads';
import { createNodeQueryLoader } from './node-query-batch';

export interface DecisionDebtPageQuery {
  /** Already validated (parseDecisionDebtArgs), so the batch never fails on input. */
  readonly debt: DecisionDebtQuery;
  /** Whether the connection's totalCount is selected (counted only then). */
  readonly withTotalCount: boolean;
}

/**
 * OrgNode.decisionDebt: one page statement per distinct argument set (two with the total count),
 * whatever the number of nodes.
 */
export function createDecisionDebtPagesByNodeIdLoader(dataSource: DataSource) {
  return createNodeQueryLoader<DecisionDebtPageQuery, Connection<Experiment>>((nodeIds, query) =>
    findDecisionDebtPages(dataSource, nodeIds, query.debt, query.withTotalCount),
  );
}
