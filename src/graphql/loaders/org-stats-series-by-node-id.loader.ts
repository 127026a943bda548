import { type DataSource } from 'typeorm';
import { buildRollupStats, type RollupStats } from '../../domain/org-rollup';
import { findRollupSeriesByNodeIds, type SeriesRollupQuery } from '../../db/queries/rollup-reads';
import { type RollupCacheHandle } from '../../db/queries/rollup-cache';
import { createNodeQueryLoader } from './node-query-batch';

export interface StatsPeriod {
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly stats: RollupStats;
}

/** OrgNode.statsSeries: one SQL statement per distinct argument set, for all nodes and buckets. */
export function createOrgStatsSeriesByNodeIdLoader(dataSource: DataSource, cache?: RollupCacheHandle) {
  return createNodeQueryLoader<SeriesRollupQuery & { from: Date }, StatsPeriod[]>(async (nodeIds, query) =>
    (await findRollupSeriesByNodeIds(dataSource, nodeIds, query, cache)).map((periods) =>
      periods.map((p) => ({ periodStart: p.periodStart, periodEnd: p.periodEnd, stats: buildRollupStats(p.counts) })),
    ),
  );
}
