import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLResolveInfo } from 'graphql';
import type * as d from '../../domain/experiment';
import {
  armEstimatesOf,
  type MetricInsight as View,
  metricInsightOf,
  type ShippedImpact as Impact,
  shippedImpactOf,
} from '../../domain/metric-insight';
import { seriesPeriods, type StatsBucket as StatsBucketValue } from '../../domain/stats-window';
import { StatsBucket } from '../args/stats.args';
import {
  findPortfolioMetricInsight,
  type MetricArmRow,
  type MetricInsightAnswer,
  type MetricInsightQuery,
} from '../../db/queries/metric-insight-reads';
import { MetricEffectsArgs, MetricInsightArgs, PortfolioMetricInsightArgs } from '../args/metric-insight.args';
import { type Context } from '../context';
import {
  effectPageKey,
  parseEffectPage,
  parseHistogramEdges,
  parseNodeMetricInsightQuery,
  parsePortfolioMetricInsightQuery,
  type ViewRequests,
} from '../metric-insight-args';
import { childFieldArguments } from '../selection';
import { OrgNode } from '../types/org-node.type';
import { MetricArmEffect, MetricInsight, ShippedImpact, ShippedImpactPeriod } from '../types/metric-insight.type';

/** What a MetricInsight resolves from: the metric, its view, and the statement's answer for the view's fields. */
interface InsightRoot {
  readonly metric: d.Metric;
  readonly view: View;
  readonly query: MetricInsightQuery;
  readonly answer: MetricInsightAnswer;
}

const bound = (value: number) => (Number.isFinite(value) ? value : null);

/** The GraphQL shape of a view (the arms are listed by `effects`). */
function toInsight(
  metric: d.Metric,
  query: MetricInsightQuery,
  answer: MetricInsightAnswer,
): MetricInsight & InsightRoot {
  const view = metricInsightOf(answer.aggregate, query.edges);
  const model = view.model;
  return {
    metric,
    view,
    query,
    answer,
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

function toArm(arm: MetricArmRow, view: View): MetricArmEffect {
  const { lower, upper, shrunk } = armEstimatesOf(arm, view.model);
  return {
    experimentId: arm.experimentId,
    experimentKey: arm.experimentKey,
    variantKey: arm.variantKey,
    role: arm.role,
    effect: arm.effect,
    stdErr: arm.stdErr,
    interval: { lower, upper },
    shrunk: shrunk
      ? {
          effect: shrunk.estimate,
          stdDev: shrunk.stdDev,
          interval: { lower: shrunk.lower, upper: shrunk.upper },
          shrinkage: shrunk.factor,
        }
      : null,
    better: arm.better,
    worse: arm.worse,
  };
}

/** What the view's selected fields ask of it (the pages of `effects`, the buckets of `shippedImpactSeries`). */
function viewRequests(info: GraphQLResolveInfo, histogramEdges: number[]): ViewRequests {
  return {
    histogramEdges,
    pages: childFieldArguments(info, 'effects') as unknown as ViewRequests['pages'],
    buckets: childFieldArguments(info, 'shippedImpactSeries').map((args) => args.bucket as StatsBucketValue),
  };
}

/**
 * The metric view (docs/meta-analysis.md) of an org node and of any experiment set. Each node's
 * view comes through a DataLoader keyed by (arguments, node), the arguments including the pages and
 * series its fields select, so `children { metricInsight(...) { effects ... } }` is one SQL statement
 * for all children; the metric's key is resolved by a batched loader.
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
    @Info() info: GraphQLResolveInfo,
  ): Promise<MetricInsight | null> {
    const edges = parseHistogramEdges(args.histogramEdges);
    return ctx.access.guardStats(node, async () => {
      const metric = await ctx.loaders.metricByKey.load(args.metricKey);
      if (metric === null) return null;
      const query = parseNodeMetricInsightQuery(args, viewRequests(info, edges), metric, ctx.now);
      return toInsight(metric, query, await ctx.loaders.metricInsightsByNodeId.load({ nodeId: node.id, query }));
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
  async metricInsight(
    @Args() args: PortfolioMetricInsightArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MetricInsight | null> {
    const edges = parseHistogramEdges(args.histogramEdges);
    const metric = await ctx.loaders.metricByKey.load(args.metricKey);
    if (metric === null) return null;
    const query = ctx.access.restrictQuery(
      parsePortfolioMetricInsightQuery(args, viewRequests(info, edges), metric, ctx.now),
    );
    return toInsight(metric, query, await findPortfolioMetricInsight(ctx.dataSource, query));
  }

  @FieldResolver(() => [MetricArmEffect], {
    description:
      'The eligible arms with their observed and shrunk effects, ordered by either (ties: experiment, then variant), a page of `first` after `offset`.',
  })
  effects(@Root() root: InsightRoot, @Args() args: MetricEffectsArgs): MetricArmEffect[] {
    const key = effectPageKey(parseEffectPage(args));
    const index = root.query.pages.findIndex((page) => effectPageKey(page) === key);
    // The view's resolver asked the statement for every selected page (selection.ts, childFieldArguments).
    if (index < 0) throw new Error(`metricInsight: the page ${key} was not asked of the statement`);
    return root.answer.pages[index]!.map((arm) => toArm(arm, root.view));
  }

  @FieldResolver(() => ShippedImpact, {
    description:
      "What the view's shipped arms (current decision SHIP with that variant) add up to: naive and shrunk sums and their ratio.",
  })
  shippedImpact(@Root() root: InsightRoot): ShippedImpact {
    return toImpact(shippedImpactOf(root.answer.shipped, root.view.model !== null));
  }

  @FieldResolver(() => [ShippedImpactPeriod], {
    description:
      "The shipped impact per calendar period (UTC) of the view's window, oldest first, every period listed (without from: the last 12 periods); each period's arms are shrunk by the whole view's model.",
  })
  shippedImpactSeries(
    @Root() root: InsightRoot,
    @Arg('bucket', () => StatsBucket, { description: 'Period length.' }) bucket: StatsBucketValue,
  ): ShippedImpactPeriod[] {
    const periods = seriesPeriods(root.query, bucket, root.query.now);
    const index = root.query.series.findIndex((asked) => JSON.stringify(asked) === JSON.stringify(periods));
    if (index < 0) throw new Error(`metricInsight: the ${bucket} series was not asked of the statement`);
    const hasModel = root.view.model !== null;
    return periods.map((period, i) => ({
      ...period,
      impact: toImpact(shippedImpactOf(root.answer.series[index]![i]!, hasModel)),
    }));
  }
}
