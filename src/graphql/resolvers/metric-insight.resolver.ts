import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import {
  buildMetricInsight,
  type InsightArm,
  type MetricInsight as View,
  sortEffects,
} from '../../domain/metric-insight';
import { findPortfolioMetricEffects, type MetricEffectListRow } from '../../db/queries/metric-effect-reads';
import { MetricEffectsArgs, MetricInsightArgs, PortfolioMetricInsightArgs } from '../args/metric-insight.args';
import { type Context } from '../context';
import {
  parseEffectPage,
  parseHistogramEdges,
  parseNodeMetricEffectQuery,
  parsePortfolioMetricEffectQuery,
  requireMetric,
} from '../metric-insight-args';
import { OrgNode } from '../types/org-node.type';
import { MetricArmEffect, MetricInsight } from '../types/metric-insight.type';

/** What a MetricInsight resolves from: the metric and the view built from its eligible arms. */
interface InsightRoot {
  readonly metric: d.Metric;
  readonly view: View<MetricEffectListRow>;
}

const bound = (value: number) => (Number.isFinite(value) ? value : null);

/** The GraphQL shape of a view (the arms are listed by `effects`). */
function toInsight(metric: d.Metric, view: View<MetricEffectListRow>): MetricInsight & InsightRoot {
  const model = view.model;
  return {
    metric,
    view,
    experiments: view.experiments,
    arms: view.arms,
    byRole: view.byRole.map((r) => ({ ...r })),
    betterArms: view.better,
    worseArms: view.worse,
    histogram: view.histogram.map((b) => ({ lower: bound(b.lower), upper: bound(b.upper), count: b.count })),
    model: model ? { ...model, meanInterval: { lower: model.meanLower, upper: model.meanUpper } } : null,
    modelUnavailableReason: view.modelUnavailableReason,
  };
}

function toArm(arm: InsightArm<MetricEffectListRow>): MetricArmEffect {
  return {
    experimentId: arm.experimentId,
    experimentKey: arm.experimentKey,
    variantKey: arm.variantKey,
    role: arm.role,
    effect: arm.effect,
    stdErr: arm.stdErr,
    interval: { lower: arm.lower, upper: arm.upper },
    shrunk: arm.shrunk
      ? {
          effect: arm.shrunk.estimate,
          stdDev: arm.shrunk.stdDev,
          interval: { lower: arm.shrunk.lower, upper: arm.shrunk.upper },
          shrinkage: arm.shrunk.factor,
        }
      : null,
    better: arm.better,
    worse: arm.worse,
  };
}

/**
 * The metric view (docs/meta-analysis.md) of an org node and of any experiment set. Each node's
 * eligible arms come through a DataLoader keyed by (arguments, node), so `children { metricInsight(...) }`
 * is one SQL statement for all children; the metric's key is resolved by a batched loader.
 */
@Resolver(() => OrgNode)
export class OrgMetricInsightFieldsResolver {
  @FieldResolver(() => MetricInsight, {
    description:
      "What a catalogue metric taught across the node's experiments (SUBTREE by default) concluded in [from, to): counts, a histogram of the observed relative effects, a DerSimonian-Laird random-effects model and each arm's shrunk effect (docs/meta-analysis.md). BAD_USER_INPUT naming metricKey for an unknown metric. FORBIDDEN (OUTSIDE_KEY_SUBTREE) on a node outside the org subtree an API key is limited to.",
  })
  async metricInsight(
    @Root() node: d.OrgNode,
    @Args() args: MetricInsightArgs,
    @Ctx() ctx: Context,
  ): Promise<MetricInsight> {
    const edges = parseHistogramEdges(args.histogramEdges);
    const metric = requireMetric(args.metricKey, await ctx.loaders.metricByKey.load(args.metricKey));
    const query = parseNodeMetricEffectQuery(args, metric, ctx.now);
    const rows = await ctx.access.guardStats(node, () =>
      ctx.loaders.metricEffectsByNodeId.load({ nodeId: node.id, query }),
    );
    return toInsight(metric, buildMetricInsight(rows, edges));
  }
}

@Resolver(() => MetricInsight)
export class MetricInsightResolver {
  @Query(() => MetricInsight, {
    description:
      'What a catalogue metric taught across every experiment matching a filter of the experiments query, concluded in [from, to); same shape and rules as OrgNode.metricInsight. A key limited to an org node pools only experiments owned in its subtree.',
  })
  async metricInsight(@Args() args: PortfolioMetricInsightArgs, @Ctx() ctx: Context): Promise<MetricInsight> {
    const edges = parseHistogramEdges(args.histogramEdges);
    const metric = requireMetric(args.metricKey, await ctx.loaders.metricByKey.load(args.metricKey));
    const query = ctx.access.restrictQuery(parsePortfolioMetricEffectQuery(args, metric, ctx.now));
    return toInsight(metric, buildMetricInsight(await findPortfolioMetricEffects(ctx.dataSource, query), edges));
  }

  @FieldResolver(() => [MetricArmEffect], {
    description:
      'The eligible arms with their observed and shrunk effects, ordered by either (ties: experiment, then variant), a page of `first` after `offset`.',
  })
  effects(@Root() root: InsightRoot, @Args() args: MetricEffectsArgs): MetricArmEffect[] {
    const page = parseEffectPage(args);
    return sortEffects(root.view.effects, page.orderBy, page.direction)
      .slice(page.offset, page.offset + page.first)
      .map(toArm);
  }
}
