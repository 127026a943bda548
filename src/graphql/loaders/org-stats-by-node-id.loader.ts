import { type DataSource } from 'typeorm';
import { buildRollupStats, type RollupStats } from '../../domain/org-rollup';
import { findRollupCountsByNodeIds, type NodeRollupQuery } from '../../db/queries/rollup-reads';
import { type RollupCacheHandle } from '../../db/queries/rollup-cache';
import { createNodeQueryLoader } from './node-query-batch';

/** OrgNode.stats: one SQL statement per distinct argument set, for all nodes asked. */
export function createOrgStatsByNodeIdLoader(dataSource: DataSource, cache?: RollupCacheHandle) {
  return createNodeQueryLoader<NodeRollupQuery, RollupStats>(async (nodeIds, query) =>
    (await findRollupCountsByNodeIds(dataSource, nodeIds, query, cache)).map(buildRollupStats));
}
