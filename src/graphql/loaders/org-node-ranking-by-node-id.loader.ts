import { type DataSource } from 'typeorm';
import { buildRollupStats, type RollupStats } from '../../domain/org-rollup';
import { findRankingsByNodeIds, type RankingQuery } from '../../db/queries/rollup-reads';
import { type RollupCacheHandle } from '../../db/queries/rollup-cache';
import { createNodeQueryLoader } from './node-query-batch';

export interface RankedNodeStats {
  readonly nodeId: string;
  readonly rank: number;
  readonly stats: RollupStats;
}

/** OrgNode.ranking: one SQL statement per distinct argument set, for all ranked roots. */
export function createOrgNodeRankingByNodeIdLoader(dataSource: DataSource, cache?: RollupCacheHandle) {
  return createNodeQueryLoader<RankingQuery, RankedNodeStats[]>(async (rootIds, query) =>
    (await findRankingsByNodeIds(dataSource, rootIds, query, cache)).map((ranked) =>
      ranked.map((r) => ({ nodeId: r.nodeId, rank: r.rank, stats: buildRollupStats(r.counts) })),
    ),
  );
}
