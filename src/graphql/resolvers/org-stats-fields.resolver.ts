import { type GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { RATE_FIELDS, type RateWithInterval, type RollupStats } from '../../domain/org-rollup';
import {
  parseDecisionDebtArgs,
  parseNodeStatsArgs,
  parseRankingArgs,
  parseSeriesArgs,
  selectsCompanions,
} from '../rollup-args';
import { DecisionDebtArgs } from '../args/decision-debt.args';
import { type Connection } from '../../db/queries/page-reads';
import { withExperimentRelations } from '../experiment-relations';
import { ExperimentConnection } from '../types/connection.type';
import { selectsChildField } from '../selection';
import { RankingArgs, StatsArgs, StatsSeriesArgs } from '../args/stats.args';
import { Cacheable } from '../cacheable';
import { perField } from '../field-memo';
import { type Context } from '../context';
import { type StatsPeriod } from '../loaders/org-stats-series-by-node-id.loader';
import { OrgNode } from '../types/org-node.type';
import { selectsField } from '../selection';
import { OrgNodeRank, OrgStats, OrgStatsPeriod } from '../types/org-stats.type';

/** The one roll-up number that is costly to compute: only when selected. */
const MEDIAN_FIELD = 'medianDaysToDecision';

interface Ranked {
  rank: number;
  node: d.OrgNode;
  rate: RateWithInterval;
  stats: RollupStats;
}

/**
 * Roll-up statistics of an org node (docs/ewl-rules.md §7-§8). Each field goes through a DataLoader keyed by
 * (arguments, node), so `children { stats(...) }` is one SQL statement for all children.
 * For an API key limited to an org node, statistics of nodes outside its subtree (ancestors,
 * siblings) are FORBIDDEN (OUTSIDE_KEY_SUBTREE); inside, every descendant is inside too.
 */
@Resolver(() => OrgNode)
export class OrgStatsFieldsResolver {
  // A window start is checked against its end (at most 20 years before), which defaults to the
  // request's clock: the same `from` can turn invalid as time passes, so the answer is not kept.
  @Cacheable({ unlessArgument: 'from' })
  @FieldResolver(() => OrgStats, {
    description:
      "Pooled EwL statistics of the node's experiments (SUBTREE by default) in [from, to). FORBIDDEN (OUTSIDE_KEY_SUBTREE) on a node outside the org subtree an API key is limited to.",
  })
  stats(
    @Root() node: d.OrgNode,
    @Args() args: StatsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RollupStats> {
    const query = perField(info, ctx.now, () =>
      parseNodeStatsArgs(args, ctx.now, selectsField(info, MEDIAN_FIELD), selectsCompanions(info)),
    );
    return ctx.access.guardStats(node, () => ctx.loaders.orgStatsByNodeId.load({ nodeId: node.id, query }));
  }

  // Not cacheable: the last period ends at the request's clock.
  @FieldResolver(() => [OrgStatsPeriod], {
    description:
      'The same statistics per calendar period (UTC), oldest first, for trend charts; every period is listed, empty ones included. FORBIDDEN (OUTSIDE_KEY_SUBTREE) on a node outside the org subtree an API key is limited to.',
  })
  statsSeries(
    @Root() node: d.OrgNode,
    @Args() args: StatsSeriesArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StatsPeriod[]> {
    const query = perField(info, ctx.now, () =>
      parseSeriesArgs(args, ctx.now, selectsField(info, MEDIAN_FIELD), selectsCompanions(info)),
    );
    return ctx.access.guardStats(node, () => ctx.loaders.orgStatsSeriesByNodeId.load({ nodeId: node.id, query }));
  }

  // A window start is checked against its end (at most 20 years before), which defaults to the
  // request's clock: the same `from` can turn invalid as time passes, so the answer is not kept.
  @Cacheable({ unlessArgument: 'from' })
  @FieldResolver(() => [OrgNodeRank], {
    description:
      'Descendants of the node (any depth, the node itself excluded) ranked by a rate, among those with at least minConcluded concluded experiments. FORBIDDEN (OUTSIDE_KEY_SUBTREE) on a node outside the org subtree an API key is limited to.',
  })
  async ranking(
    @Root() node: d.OrgNode,
    @Args() args: RankingArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Ranked[]> {
    const query = perField(info, ctx.now, () =>
      parseRankingArgs(args, ctx.now, selectsField(info, MEDIAN_FIELD), selectsCompanions(info)),
    );
    const ranked = await ctx.access.guardStats(node, () =>
      ctx.loaders.orgNodeRankingByNodeId.load({ nodeId: node.id, query }),
    );
    const nodes = await ctx.loaders.orgNodeById.loadMany(ranked.map((r) => r.nodeId));
    return ranked.map((r, i) => ({
      rank: r.rank,
      node: nodes[i] as d.OrgNode,
      rate: r.stats[RATE_FIELDS[args.by]]!,
      stats: r.stats,
    }));
  }

  // Not cacheable: the list is read per request (a page of experiments), for every node asking the same
  // arguments at once.
  @FieldResolver(() => ExperimentConnection, {
    description:
      'The experiments behind stats.decisionDebt: in scope, concluded in [from, to) as seen at min(to, now), without any decision; oldest conclusion first. Same scope, window and filter as stats. FORBIDDEN (OUTSIDE_KEY_SUBTREE) on a node outside the org subtree an API key is limited to.',
  })
  async decisionDebt(
    @Root() node: d.OrgNode,
    @Args() args: DecisionDebtArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<d.Experiment>> {
    const query = perField(info, ctx.now, () => ({
      debt: parseDecisionDebtArgs(args, ctx.now),
      withTotalCount: selectsChildField(info, 'totalCount'),
    }));
    const page = await ctx.access.guardStats(node, () =>
      ctx.loaders.decisionDebtPagesByNodeId.load({ nodeId: node.id, query }),
    );
    return withExperimentRelations(ctx, info, page);
  }
}
