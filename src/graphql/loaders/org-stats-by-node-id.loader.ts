import { type DataSource } from 'typeorm';
import { type RollupStats } from '../../domain/org-rollup';
import { findRollupStatsByNodeIds, type NodeRollupQuery } from '../../db/queries/rollup-reads';
import { type RollupCacheHandle } from '../../db/queries/rollup-cache';
import { createNodeQueryLoader } from './node-query-batch';

/** OrgNode.stats: one SQL statement per distinct argument set, for all nodes asked. */
export function createOrgStatsByNodeIdLoader(dataSource: DataSource, cache?: RollupCacheHandle) {
  return createNodeQueryLoader<NodeRollupQuery, RollupStats>((nodeIds, query) =>
    findRollupStatsByNodeIds(dataSource, nodeIds, query, cache),
  );
}
