import { type GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import { buildRollupStats, type RollupStats } from '../../domain/org-rollup';
import { parsePortfolioStatsArgs, selectsCompanions } from '../rollup-args';
import { findPortfolioRollupCounts } from '../../db/queries/rollup-reads';
import { PortfolioStatsArgs } from '../args/stats.args';
import { type Context } from '../context';
import { selectsField } from '../selection';
import { OrgStats } from '../types/org-stats.type';

/** Statistics of any experiment set (docs/ewl-rules.md §7): one SQL statement. */
@Resolver()
export class PortfolioStatsResolver {
  @Query(() => OrgStats, {
    description:
      'Pooled EwL statistics of every experiment matching a filter of the experiments query (e.g. tagsAny: ["onboarding"]) in [from, to); ' +
      'same shape and rules as OrgNode.stats. A key limited to an org node pools only experiments owned in its subtree.',
  })
  async portfolioStats(
    @Args() args: PortfolioStatsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<RollupStats> {
    const query = ctx.access.restrictQuery(
      parsePortfolioStatsArgs(args, ctx.now, selectsField(info, 'medianDaysToDecision'), selectsCompanions(info)),
    );
    return buildRollupStats(await findPortfolioRollupCounts(ctx.dataSource, query, ctx.loaders.rollupCache));
  }
}
