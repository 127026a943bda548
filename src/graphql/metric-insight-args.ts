import { badInput } from '../domain/errors';
import { type Metric } from '../domain/experiment';
import { DEFAULT_EFFECT_HISTOGRAM_EDGES, MAX_HISTOGRAM_EDGES, type MetricEffectOrder } from '../domain/metric-insight';
import {
  type EffectPage,
  type MetricInsightQuery,
  type NodeMetricInsightQuery,
} from '../db/queries/metric-insight-reads';
import { seriesPeriods, type StatsBucket } from '../domain/stats-window';
import { type SortDirection } from '../db/queries/experiment-page-reads';
import { validateFirst } from './page-args';
import { type NodeStatsArgsInput, parseNodeStatsArgs, parsePortfolioStatsArgs } from './rollup-args';
import { type ExperimentFilter } from '../db/queries/experiment-filter-reads';

/**
 * Validation of the metric views' arguments (OrgNode.metricInsight, metricInsight) into the queries
 * of `metric-insight-reads.ts`: plain data, so a DataLoader can batch equal argument sets. The
 * view's own arguments come with what its fields ask (the pages of `effects`, the buckets of
 * `shippedImpactSeries`), so that one statement answers them all. Every failure is a
 * BAD_USER_INPUT naming the argument.
 */

/**
 * The histogram's bin edges: the default when omitted; else 1 to MAX_HISTOGRAM_EDGES finite,
 * strictly increasing numbers.
 */
export function parseHistogramEdges(edges: readonly number[] | null | undefined, field = 'histogramEdges'): number[] {
  if (edges == null) return [...DEFAULT_EFFECT_HISTOGRAM_EDGES];
  if (edges.length < 1 || edges.length > MAX_HISTOGRAM_EDGES)
    throw badInput(field, edges.length, `from 1 to ${MAX_HISTOGRAM_EDGES} edges`);
  edges.forEach((edge, i) => {
    if (!Number.isFinite(edge)) throw badInput(`${field}[${i}]`, edge, 'a finite number');
    if (i > 0 && !(edge > edges[i - 1]!))
      throw badInput(`${field}[${i}]`, edge, `a number greater than ${field}[${i - 1}] (${edges[i - 1]})`);
  });
  return [...edges];
}

/** What the view's fields ask of it, besides its own arguments. */
export interface ViewRequests {
  readonly histogramEdges?: readonly number[] | null;
  /** The arguments of each selection of `effects`. */
  readonly pages: ReadonlyArray<Parameters<typeof parseEffectPage>[0]>;
  /** The buckets of each selection of `shippedImpactSeries`. */
  readonly buckets: readonly StatsBucket[];
}

function viewParts(
  window: { from: Date | null; to: Date },
  requests: ViewRequests,
  now: Date,
): Pick<MetricInsightQuery, 'edges' | 'pages' | 'series'> {
  return {
    edges: parseHistogramEdges(requests.histogramEdges),
    pages: requests.pages.map(parseEffectPage),
    series: requests.buckets.map((bucket) => seriesPeriods(window, bucket, now)),
  };
}

/** OrgNode.metricInsight: the window and filter of OrgNode.stats (default SUBTREE, all time up to now). */
export function parseNodeMetricInsightQuery(
  args: NodeStatsArgsInput,
  requests: ViewRequests,
  metric: Metric,
  now: Date,
): NodeMetricInsightQuery {
  const { scope, from, to, filter } = parseNodeStatsArgs({ ...args, asOf: null }, now, false);
  return { metricId: metric.id, scope, from, to, now, filter, ...viewParts({ from, to }, requests, now) };
}

/** metricInsight: the window and filter of portfolioStats. */
export function parsePortfolioMetricInsightQuery(
  args: { from?: Date | null; to?: Date | null; filter?: ExperimentFilter | null },
  requests: ViewRequests,
  metric: Metric,
  now: Date,
): MetricInsightQuery {
  const { from, to, filter } = parsePortfolioStatsArgs(args, now, false);
  return { metricId: metric.id, from, to, now, filter, ...viewParts({ from, to }, requests, now) };
}

/** MetricInsight.effects: a page of the ordered arms. */
export function parseEffectPage(args: {
  orderBy: MetricEffectOrder;
  direction: SortDirection;
  first: number;
  offset: number;
}): EffectPage {
  if (!Number.isInteger(args.offset) || args.offset < 0) throw badInput('offset', args.offset, 'an integer >= 0');
  return { orderBy: args.orderBy, direction: args.direction, first: validateFirst(args.first), offset: args.offset };
}

/** The key of a page among a view's answered pages. */
export const effectPageKey = (page: EffectPage): string =>
  `${page.orderBy} ${page.direction} ${page.first} ${page.offset}`;
