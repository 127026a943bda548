import { type DataSource, type EntityManager } from 'typeorm';
import type { MetricRole } from '../../domain/experiment';
import {
  type MetricEffectOrder,
  type MetricInsightAggregate,
  NO_SHIPPED_SUMS,
  type ShippedSums,
} from '../../domain/metric-insight';
import { type StatsScope } from '../../domain/org-rollup';
import { type SeriesPeriod } from '../../domain/stats-window';
import { type ExperimentFilter } from './experiment-filter-reads';
import { type SortDirection } from './experiment-page-reads';
import { metricInsightSql } from './metric-insight-sql';
import { SqlParams } from './page-reads';
import { queryPrepared } from '../prepared-statement';

type Queryable = DataSource | EntityManager;

/** A page of the listed arms (MetricInsight.effects), already validated. */
export interface EffectPage {
  readonly orderBy: MetricEffectOrder;
  readonly direction: SortDirection;
  readonly first: number;
  readonly offset: number;
}

/**
 * One argument set of the metric view (docs/meta-analysis.md): one catalogue metric's stored
 * effects (experiment_metric_effect) in the experiments that are VALID, count toward EwL and have a
 * conclusion date in the window [from, to) as seen at min(to, now), the same date and 30-day rule
 * as the roll-ups (docs/ewl-rules.md §6.4); with the histogram's edges, the pages of arms and the
 * shipped-impact series the request asks of the view, so that one statement answers all of it.
 */
export interface MetricInsightQuery {
  readonly metricId: string;
  readonly from: Date | null;
  readonly to: Date;
  /** The request's clock; the 30-day rule runs at min(to, now). */
  readonly now: Date;
  /** Already validated. */
  readonly filter: ExperimentFilter;
  /** Histogram bin edges, validated. */
  readonly edges: readonly number[];
  readonly pages: readonly EffectPage[];
  /** The periods of each asked shipped-impact series. */
  readonly series: ReadonlyArray<readonly SeriesPeriod[]>;
}

export interface NodeMetricInsightQuery extends MetricInsightQuery {
  readonly scope: StatsScope;
}

/** A listed arm. */
export interface MetricArmRow {
  readonly experimentId: string;
  readonly experimentKey: string;
  readonly variantKey: string;
  readonly role: MetricRole;
  readonly effect: number;
  readonly stdErr: number;
  readonly better: boolean;
  readonly worse: boolean;
}

/** What the statement answers for one group: the aggregates, the asked pages and series (in query order). */
export interface MetricInsightAnswer {
  readonly aggregate: MetricInsightAggregate;
  readonly shipped: ShippedSums;
  readonly pages: readonly (readonly MetricArmRow[])[];
  /** Per series, per period. */
  readonly series: readonly (readonly ShippedSums[])[];
}

type Num = string | number | null;
type Json<T> = T[] | null;
interface Raw {
  node_id: string;
  k: Num;
  experiments: Num;
  better: Num;
  worse: Num;
  sum_w: Num;
  sum_w2: Num;
  sum_wx: Num;
  q: Num;
  sum_ws: Num;
  sum_wsx: Num;
  roles: Json<[MetricRole, number, number]>;
  bins: Json<[number, number]>;
  shipped_experiments: Num;
  shipped_arms: Num;
  naive_sum: Num;
  shrunk_sum: Num;
  posterior_variance: Num;
  listed: Json<[number, string, string, string, MetricRole, number, number, boolean, boolean]>;
  series: Json<[number, number, number, number, number, number, number]>;
}

const num = (value: Num): number => (value === null ? 0 : Number(value));

function toAnswer(r: Raw, q: MetricInsightQuery): MetricInsightAnswer {
  const pages: MetricArmRow[][] = q.pages.map(() => []);
  for (const [page, experimentId, experimentKey, variantKey, role, effect, stdErr, better, worse] of r.listed ?? [])
    pages[page]!.push({ experimentId, experimentKey, variantKey, role, effect, stdErr, better, worse });
  const series: ShippedSums[][] = q.series.map((periods) => periods.map(() => NO_SHIPPED_SUMS));
  for (const [s, period, experiments, arms, naiveSum, shrunkSum, posteriorVariance] of r.series ?? [])
    series[s]![period] = { experiments, arms, naiveSum, shrunkSum, posteriorVariance };
  const k = num(r.k);
  return {
    aggregate: {
      experiments: num(r.experiments),
      arms: k,
      byRole: (r.roles ?? []).map(([role, experiments, arms]) => ({ role, experiments, arms })),
      better: num(r.better),
      worse: num(r.worse),
      histogramCounts: new Map(r.bins ?? []),
      sums:
        r.sum_ws === null
          ? null
          : {
              fixed: { k, sumW: num(r.sum_w), sumW2: num(r.sum_w2), sumWX: num(r.sum_wx), q: num(r.q) },
              random: { sumWStar: num(r.sum_ws), sumWStarX: num(r.sum_wsx) },
            },
    },
    shipped:
      r.shipped_arms === null
        ? NO_SHIPPED_SUMS
        : {
            experiments: num(r.shipped_experiments),
            arms: num(r.shipped_arms),
            naiveSum: num(r.naive_sum),
            shrunkSum: num(r.shrunk_sum),
            posteriorVariance: num(r.posterior_variance),
          },
    pages,
    series,
  };
}

/**
 * The metric view of each node (in `nodeIds` order): ONE statement for all nodes of one argument set.
 */
export async function findNodeMetricInsights(
  db: Queryable,
  nodeIds: readonly string[],
  q: NodeMetricInsightQuery,
): Promise<MetricInsightAnswer[]> {
  if (nodeIds.length === 0) return [];
  const params = new SqlParams();
  const groups = {
    sql: `SELECT DISTINCT unnest(${params.add([...nodeIds])}::uuid[]) AS node_id`,
    oneGroup: new Set(nodeIds).size === 1,
  };
  const rows = await queryPrepared<Raw>(db, metricInsightSql(params, groups, q.scope, q), params.values);
  const byNode = new Map(rows.map((r) => [r.node_id, toAnswer(r, q)]));
  return nodeIds.map((id) => byNode.get(id)!);
}

/** The one group of the portfolio form (a constant id, so that every join stays a plain equality). */
const PORTFOLIO_GROUP = '00000000-0000-0000-0000-000000000000';

/** The metric view of every experiment matching the filter (the portfolio form); one statement. */
export async function findPortfolioMetricInsight(db: Queryable, q: MetricInsightQuery): Promise<MetricInsightAnswer> {
  const params = new SqlParams();
  const sql = metricInsightSql(
    params,
    { sql: `SELECT '${PORTFOLIO_GROUP}'::uuid AS node_id`, oneGroup: true },
    'ALL',
    q,
  );
  const rows = await queryPrepared<Raw>(db, sql, params.values);
  return toAnswer(rows[0]!, q);
}
