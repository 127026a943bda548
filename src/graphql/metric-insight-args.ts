import { badInput } from '../domain/errors';
import { type Metric } from '../domain/experiment';
import { DEFAULT_EFFECT_HISTOGRAM_EDGES, MAX_HISTOGRAM_EDGES, type MetricEffectOrder } from '../domain/metric-insight';
import { type MetricEffectQuery, type NodeMetricEffectQuery } from '../db/queries/metric-effect-reads';
import { type SortDirection } from '../db/queries/experiment-page-reads';
import { validateFirst } from './page-args';
import { type NodeStatsArgsInput, parseNodeStatsArgs, parsePortfolioStatsArgs } from './rollup-args';
import { type ExperimentFilter } from '../db/queries/experiment-filter-reads';

/**
 * Validation of the metric views' arguments (OrgNode.metricInsight, metricInsight) into the queries
 * of `metric-effect-reads.ts`: plain data, so a DataLoader can batch equal argument sets. Every
 * failure is a BAD_USER_INPUT naming the argument.
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

/** OrgNode.metricInsight: the window and filter of OrgNode.stats (default SUBTREE, all time up to now). */
export function parseNodeMetricEffectQuery(args: NodeStatsArgsInput, metric: Metric, now: Date): NodeMetricEffectQuery {
  const { scope, from, to, filter } = parseNodeStatsArgs({ ...args, asOf: null }, now, false);
  return { metricId: metric.id, scope, from, to, now, filter };
}

/** metricInsight: the window and filter of portfolioStats. */
export function parsePortfolioMetricEffectQuery(
  args: { from?: Date | null; to?: Date | null; filter?: ExperimentFilter | null },
  metric: Metric,
  now: Date,
): MetricEffectQuery {
  const { from, to, filter } = parsePortfolioStatsArgs(args, now, false);
  return { metricId: metric.id, from, to, now, filter };
}

/** MetricInsight.effects: a page of the ordered arms. */
export function parseEffectPage(args: {
  orderBy: MetricEffectOrder;
  direction: SortDirection;
  first: number;
  offset: number;
}): { orderBy: MetricEffectOrder; direction: SortDirection; first: number; offset: number } {
  if (!Number.isInteger(args.offset) || args.offset < 0) throw badInput('offset', args.offset, 'an integer >= 0');
  return { ...args, first: validateFirst(args.first) };
}
