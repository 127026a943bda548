import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import {
  buildMetricInsight,
  type InsightArm,
  type MetricInsight as View,
  type ShippedImpact as Impact,
  shippedImpactOf,
  shippedImpactSeries,
  sortEffects,
} from '../../domain/metric-insight';
import { seriesPeriods, type StatsBucket as StatsBucketValue } from '../../domain/stats-window';
import { StatsBucket } from '../args/stats.args';
import { findPortfolioMetricEffects, type MetricEffectListRow } from '../../db/queries/metric-effect-reads';
import { MetricEffectsArgs, MetricInsightArgs, PortfolioMetricInsightArgs } from '../args/metric-insight.args';
import { type Context } from '../context';
import {
  parseEffectPage,
  parseHistogramEdges,
  parseNodeMetricEffectQuery,
  parsePortfolioMetricEffectQuery,
} from '../metric-insight-args';
import { OrgNode } from '../types/org-node.type';
import { MetricArmEffect, MetricInsight, ShippedImpact, ShippedImpactPeriod } from '../types/metric-insight.type';

/** What a MetricInsight resolves from: the metric and the view built from its eligible arms. */
interface InsightRoot {
  readonly metric: d.Metric;
  readonly view: View<MetricEffectListRow>;
  /** The view's window and clock (the periods of shippedImpactSeries). */
  readonly window: { readonly from: Date | null; readonly to: Date; readonly now: Date };
}

const bound = (value: number) => (Number.isFinite(value) ? value : null);

/** The GraphQL shape of a view (the arms are listed by `effects`). */
function toInsight(
  metric: d.Metric,
  view: View<MetricEffectListRow>,
  window: InsightRoot['window'],
): MetricInsight & InsightRoot {
  const model = view.model;
  return {
    metric,
    view,
    window,
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

function toImpact(impact: Impact): ShippedImpact {
  const { shrunkLower, shrunkUpper, ...rest } = impact;
  return {
    ...rest,
    shrunkInterval: shrunkLower !== null && shrunkUpper !== null ? { lower: shrunkLower, upper: shrunkUpper } : null,
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
    nullable: true,
    description:
      "What a catalogue metric taught across the node's experiments (SUBTREE by default) concluded in [from, to): counts, a histogram of the observed relative effects, a DerSimonian-Laird random-effects model and each arm's shrunk effect (docs/meta-analysis.md). Null when no catalogue metric has the key. FORBIDDEN (OUTSIDE_KEY_SUBTREE) on a node outside the org subtree an API key is limited to.",
  })
  async metricInsight(
    @Root() node: d.OrgNode,
    @Args() args: MetricInsightArgs,
    @Ctx() ctx: Context,
  ): Promise<MetricInsight | null> {
    const edges = parseHistogramEdges(args.histogramEdges);
    return ctx.access.guardStats(node, async () => {
      const metric = await ctx.loaders.metricByKey.load(args.metricKey);
      if (metric === null) return null;
      const query = parseNodeMetricEffectQuery(args, metric, ctx.now);
      const rows = await ctx.loaders.metricEffectsByNodeId.load({ nodeId: node.id, query });
      return toInsight(metric, buildMetricInsight(rows, edges), query);
    });
  }
}

@Resolver(() => MetricInsight)
export class MetricInsightResolver {
  @Query(() => MetricInsight, {
    nullable: true,
    description:
      'What a catalogue metric taught across every experiment matching a filter of the experiments query, concluded in [from, to); same shape and rules as OrgNode.metricInsight; null when no catalogue metric has the key. A key limited to an org node pools only experiments owned in its subtree.',
  })
  async metricInsight(@Args() args: PortfolioMetricInsightArgs, @Ctx() ctx: Context): Promise<MetricInsight | null> {
    const edges = parseHistogramEdges(args.histogramEdges);
    const metric = await ctx.loaders.metricByKey.load(args.metricKey);
    if (metric === null) return null;
    const query = ctx.access.restrictQuery(parsePortfolioMetricEffectQuery(args, metric, ctx.now));
    const rows = await findPortfolioMetricEffects(ctx.dataSource, query);
    return toInsight(metric, buildMetricInsight(rows, edges), query);
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

  @FieldResolver(() => ShippedImpact, {
    description:
      "What the view's shipped arms (current decision SHIP with that variant) add up to: naive and shrunk sums and their ratio.",
  })
  shippedImpact(@Root() root: InsightRoot): ShippedImpact {
    return toImpact(shippedImpactOf(root.view.effects));
  }

  @FieldResolver(() => [ShippedImpactPeriod], {
    description:
      "The shipped impact per calendar period (UTC) of the view's window, oldest first, every period listed (without from: the last 12 periods); each period's arms are shrunk by the whole view's model.",
  })
  shippedImpactSeries(
    @Root() root: InsightRoot,
    @Arg('bucket', () => StatsBucket, { description: 'Period length.' }) bucket: StatsBucketValue,
  ): ShippedImpactPeriod[] {
    const periods = seriesPeriods(root.window, bucket, root.window.now);
    return shippedImpactSeries(root.view.effects, periods).map((p) => ({ ...p, impact: toImpact(p.impact) }));
  }
}
