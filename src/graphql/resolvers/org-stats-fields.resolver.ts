import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { RATE_FIELDS, type RateWithInterval, type RollupStats } from '../../domain/org-rollup';
import { parseNodeStatsArgs, parseRankingArgs, parseSeriesArgs } from '../../db/queries/rollup-args';
import { RankingArgs, StatsArgs, StatsSeriesArgs } from '../args/stats.args';
import { type Context } from '../context';
import { type StatsPeriod } from '../loaders/org-stats-series-by-node-id.loader';
import { OrgNode } from '../types/org-node.type';
import { OrgNodeRank, OrgStats, OrgStatsPeriod } from '../types/org-stats.type';

interface Ranked {
  rank: number;
  node: d.OrgNode;
  rate: RateWithInterval;
  stats: RollupStats;
}

/**
 * Roll-up statistics of an org node (spec §7-§8). Each field goes through a DataLoader keyed by
 * (arguments, node), so `children { stats(...) }` is one SQL statement for all children.
 */
@Resolver(() => OrgNode)
export class OrgStatsFieldsResolver {
  @FieldResolver(() => OrgStats, { description: 'Pooled EwL statistics of the node\'s experiments (SUBTREE by default) in [from, to).' })
  stats(@Root() node: d.OrgNode, @Args() args: StatsArgs, @Ctx() ctx: Context): Promise<RollupStats> {
    return ctx.loaders.orgStatsByNodeId.load({ nodeId: node.id, query: parseNodeStatsArgs(args, ctx.now) });
  }

  @FieldResolver(() => [OrgStatsPeriod], {
    description: 'The same statistics per calendar period (UTC), oldest first, for trend charts; every period is listed, empty ones included.',
  })
  statsSeries(@Root() node: d.OrgNode, @Args() args: StatsSeriesArgs, @Ctx() ctx: Context): Promise<StatsPeriod[]> {
    return ctx.loaders.orgStatsSeriesByNodeId.load({ nodeId: node.id, query: parseSeriesArgs(args, ctx.now) });
  }

  @FieldResolver(() => [OrgNodeRank], {
    description: 'Descendants of the node (any depth, the node itself excluded) ranked by a rate, among those with at least minConcluded concluded experiments.',
  })
  async ranking(@Root() node: d.OrgNode, @Args() args: RankingArgs, @Ctx() ctx: Context): Promise<Ranked[]> {
    const ranked = await ctx.loaders.orgNodeRankingByNodeId.load({ nodeId: node.id, query: parseRankingArgs(args, ctx.now) });
    const nodes = await ctx.loaders.orgNodeById.loadMany(ranked.map((r) => r.nodeId));
    return ranked.map((r, i) => ({ rank: r.rank, node: nodes[i] as d.OrgNode, rate: r.stats[RATE_FIELDS[args.by]]!, stats: r.stats }));
  }
}
