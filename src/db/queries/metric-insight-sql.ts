import { MIN_ARMS_FOR_MODEL } from '../../domain/metric-insight';
import type { StatsScope } from '../../domain/org-rollup';
import { conclusionDateSql, inList, literal } from '../sql/ewl-rules.sql';
import {
  cochranTermSql,
  fixedWeightSql,
  posteriorVarianceSql,
  randomWeightSql,
  shrunkEstimateSql,
  tau2Sql,
} from '../sql/meta-analysis.sql';
import { buildExperimentFilterConditions } from './experiment-filter-reads';
import type { MetricInsightQuery } from './metric-insight-reads';
import { type SqlParams } from './page-reads';

/**
 * The one statement of a metric view's argument set (docs/meta-analysis.md, "How a view is
 * computed"): the eligible arms of every asked group (a node's members, or the whole portfolio)
 * are selected once (`arms`), then aggregated per group: counts, histogram counts, the two passes
 * of the DerSimonian-Laird estimator (the SQL forms of src/stats/meta-analysis.ts), the shipped
 * arms' sums shrunk by the group's model, and the asked pages of arms. One row per group.
 */

const MEMBERS: Record<StatsScope | 'ALL', string> = {
  SUBTREE:
    'JOIN org_node_closure oc ON oc.ancestor_id = g.node_id JOIN experiment_classification ec ON ec.owner_node_id = oc.descendant_id',
  OWN: 'JOIN experiment_classification ec ON ec.owner_node_id = g.node_id',
  ALL: 'CROSS JOIN experiment_classification ec',
};

/**
 * Whether the groups' subtrees hold at least a tenth of the org nodes (an SQL boolean). Then selecting a
 * subtree's arms by scanning the metric's effects and keeping those owned inside costs less than probing
 * the subtree's classifications one by one, and the prepared statement's generic plan cannot tell: it
 * assumes the average subtree (a few closure rows) for a company of hundreds of nodes.
 */
const WIDE_SUBTREES = `(SELECT count(*) * 10 >= (SELECT count(*) FROM org_node)
  FROM groups g0 JOIN org_node_closure oc0 ON oc0.ancestor_id = g0.node_id)`;

const ARM_COLUMNS = 'experiment_id, variant_id, role, effect, std_err, better, worse, first_arm, concluded_on, shipped';

/** The eligible arms of each group: VALID, counting toward EwL, concluded in [from, to) as seen at min(to, now). */
function armsSql(params: SqlParams, members: StatsScope | 'ALL', q: MetricInsightQuery): string {
  const asOf = `least(${params.add(q.to.toISOString())}::timestamptz, ${params.add(q.now.toISOString())}::timestamptz)`;
  const concludedOn = conclusionDateSql('ec', asOf);
  const filter = buildExperimentFilterConditions(q.filter, params);
  const conditions = [
    inList('ec.validity', ['VALID']),
    'ec.counts_toward_ewl',
    `${concludedOn} < ${params.add(q.to.toISOString())}::timestamptz`,
    ...(q.from ? [`${concludedOn} >= ${params.add(q.from.toISOString())}::timestamptz`] : []),
    ...filter,
  ];
  const columns = `f.experiment_id, f.variant_id, f.role, f.effect, f.std_err, f.better, f.worse, f.first_arm,
            ${concludedOn} AS concluded_on, s.experiment_id IS NOT NULL AS shipped`;
  const effects = `JOIN experiment_metric_effect f ON f.metric_id = ${params.add(q.metricId)}::uuid AND f.experiment_id = ec.experiment_id
       ${filter.length > 0 ? 'JOIN experiment e ON e.id = ec.experiment_id' : ''}
       LEFT JOIN decision s ON s.experiment_id = f.experiment_id AND s.is_current AND s.kind = ${literal('SHIP')}
            AND s.shipped_variant_id = f.variant_id`;
  const byMembers = `SELECT g.node_id, ${columns}
       FROM groups g ${MEMBERS[members]} ${effects}
      WHERE ${conditions.join(' AND ')}`;
  if (members !== 'SUBTREE') return byMembers;
  // Wide subtrees: the metric's eligible arms first (the subquery is planned on its own: OFFSET 0), then
  // their owners' ancestors among the groups. Only one branch runs (each is gated by a one-time filter).
  return `${byMembers} AND NOT ${WIDE_SUBTREES}
    UNION ALL
    SELECT g.node_id, ${ARM_COLUMNS.split(', ')
      .map((c) => `w.${c}`)
      .join(', ')}
      FROM (SELECT ec.owner_node_id, ${columns} FROM experiment_classification ec ${effects}
             WHERE ${conditions.join(' AND ')} OFFSET 0) w
      JOIN org_node_closure oc ON oc.descendant_id = w.owner_node_id
      JOIN groups g ON g.node_id = oc.ancestor_id
     WHERE ${WIDE_SUBTREES}`;
}

/** Sums over shipped arms (joined with `fit`, the group's model, when it has one). */
const SHIPPED_SUMS = `count(DISTINCT a.experiment_id) AS experiments, count(*) AS arms, sum(a.effect) AS naive_sum,
  coalesce(sum(${shrunkEstimateSql('a.effect', 'a.std_err', 'm.mean', 'm.tau2')}), 0) AS shrunk_sum,
  coalesce(sum(${posteriorVarianceSql('a.std_err', 'm.tau2')}), 0) AS posterior_variance`;

/**
 * The listed pages: each page's arms in its order (ties: experiment, then variant id), by a
 * top-N sort per page for one group, by a rank within each group for several.
 */
function pagesSql(params: SqlParams, q: MetricInsightQuery, oneGroup: boolean): string {
  const pages = `unnest(${params.add(q.pages.map((_, i) => i))}::int[], ${params.add(q.pages.map((p) => p.orderBy === 'SHRUNK_EFFECT'))}::bool[],
    ${params.add(q.pages.map((p) => p.direction === 'DESC'))}::bool[], ${params.add(q.pages.map((p) => p.offset))}::int[],
    ${params.add(q.pages.map((p) => p.first))}::int[]) AS p(page, by_shrunk, descending, skip, take)`;
  const value = `CASE WHEN p.by_shrunk AND m.node_id IS NOT NULL THEN ${shrunkEstimateSql('a.effect', 'a.std_err', 'm.mean', 'm.tau2')} ELSE a.effect END`;
  const keyed = `SELECT a.node_id, p.page, a.experiment_id, a.variant_id, a.role, a.effect, a.std_err, a.better, a.worse,
             CASE WHEN p.descending THEN -(${value}) ELSE ${value} END AS sort_key
        FROM arms a LEFT JOIN fit m USING (node_id)`;
  const ranked = oneGroup
    ? `SELECT r.* FROM ${pages} CROSS JOIN LATERAL (${keyed}
         ORDER BY sort_key, a.experiment_id, a.variant_id LIMIT p.take OFFSET p.skip) r`
    : `SELECT * FROM (SELECT k.*, row_number() OVER (PARTITION BY k.node_id, k.page
           ORDER BY k.sort_key, k.experiment_id, k.variant_id) AS rn, p.skip, p.take
         FROM ${pages} CROSS JOIN LATERAL (${keyed}) k) k WHERE k.rn > k.skip AND k.rn <= k.skip + k.take`;
  return `listed AS (
      SELECT r.node_id, json_agg(json_build_array(r.page, r.experiment_id, e.key, v.key, r.role, r.effect, r.std_err,
               r.better, r.worse) ORDER BY r.page, r.sort_key, r.experiment_id, r.variant_id) AS listed
        FROM (${ranked}) r JOIN experiment e ON e.id = r.experiment_id JOIN variant v ON v.id = r.variant_id
       GROUP BY r.node_id)`;
}

/** The shipped arms' sums per period of each asked series. */
function seriesSql(params: SqlParams, q: MetricInsightQuery): string {
  const periods = q.series.flatMap((list, series) => list.map((period, i) => ({ series, i, period })));
  const unnest = `unnest(${params.add(periods.map((p) => p.series))}::int[], ${params.add(periods.map((p) => p.i))}::int[],
    ${params.add(periods.map((p) => p.period.periodStart.toISOString()))}::timestamptz[],
    ${params.add(periods.map((p) => p.period.periodEnd.toISOString()))}::timestamptz[]) AS p(series, period, period_start, period_end)`;
  return `periods AS (
      SELECT a.node_id, p.series, p.period, ${SHIPPED_SUMS}
        FROM arms a JOIN ${unnest} ON a.concluded_on >= p.period_start AND a.concluded_on < p.period_end
        LEFT JOIN fit m USING (node_id)
       WHERE a.shipped GROUP BY a.node_id, p.series, p.period),
    series AS (
      SELECT node_id, json_agg(json_build_array(series, period, experiments, arms, naive_sum, shrunk_sum, posterior_variance)) AS series
        FROM periods GROUP BY node_id)`;
}

/** The statement: `groups` is a SELECT of the groups' `node_id`s, `oneGroup` when it selects one. */
export function metricInsightSql(
  params: SqlParams,
  groups: { sql: string; oneGroup: boolean },
  members: StatsScope | 'ALL',
  q: MetricInsightQuery,
): string {
  const w = fixedWeightSql('std_err');
  const minArms = params.add(MIN_ARMS_FOR_MODEL);
  return `WITH groups AS (${groups.sql}),
    arms AS MATERIALIZED (${armsSql(params, members, q)}),
    by_role AS (
      SELECT node_id, role, count(*) AS k, count(*) FILTER (WHERE first_arm) AS experiments,
             count(*) FILTER (WHERE better) AS better, count(*) FILTER (WHERE worse) AS worse,
             sum(w) AS sum_w, sum(w * w) AS sum_w2, sum(w * effect) AS sum_wx
        FROM (SELECT node_id, role, first_arm, better, worse, effect, ${w} AS w FROM arms) a GROUP BY node_id, role),
    fixed AS (
      SELECT node_id, sum(k) AS k, sum(experiments) AS experiments, sum(better) AS better, sum(worse) AS worse,
             sum(sum_w) AS sum_w, sum(sum_w2) AS sum_w2, sum(sum_wx) AS sum_wx,
             json_agg(json_build_array(role, experiments, k)) AS roles
        FROM by_role GROUP BY node_id),
    binned AS (
      -- The histogram's counts and Cochran's Q (summed per bin, then per group) in one pass.
      SELECT a.node_id, width_bucket(a.effect, ${params.add([...q.edges])}::float8[]) AS bin, count(*) AS arms,
             sum(${cochranTermSql('a.effect', 'a.std_err', 'x.sum_wx / x.sum_w')}) AS q
        FROM arms a JOIN fixed x USING (node_id) GROUP BY 1, 2),
    bins AS (SELECT node_id, sum(q) AS q, json_agg(json_build_array(bin, arms)) AS bins FROM binned GROUP BY node_id),
    model AS (
      SELECT node_id, b.q, ${tau2Sql({ k: 'x.k', sumW: 'x.sum_w', sumW2: 'x.sum_w2', q: 'b.q' })} AS tau2
        FROM fixed x JOIN bins b USING (node_id) WHERE x.k >= ${minArms}::int),
    random AS (
      SELECT node_id, sum(ws) AS sum_ws, sum(ws * effect) AS sum_wsx
        FROM (SELECT a.node_id, a.effect, ${randomWeightSql('a.std_err', 'm.tau2')} AS ws FROM arms a JOIN model m USING (node_id)) a
       GROUP BY node_id),
    fit AS (SELECT node_id, m.tau2, r.sum_wsx / r.sum_ws AS mean FROM model m JOIN random r USING (node_id)),
    shipped AS (SELECT a.node_id, ${SHIPPED_SUMS} FROM arms a LEFT JOIN fit m USING (node_id) WHERE a.shipped GROUP BY a.node_id)
    ${q.pages.length > 0 ? `, ${pagesSql(params, q, groups.oneGroup)}` : ''}
    ${q.series.length > 0 ? `, ${seriesSql(params, q)}` : ''}
    SELECT g.node_id, x.k, x.experiments, x.better, x.worse, x.sum_w, x.sum_w2, x.sum_wx, mo.q, r.sum_ws, r.sum_wsx,
           x.roles, bi.bins, sh.experiments AS shipped_experiments, sh.arms AS shipped_arms, sh.naive_sum, sh.shrunk_sum,
           sh.posterior_variance, ${q.pages.length > 0 ? 'li.listed' : 'NULL::json AS listed'},
           ${q.series.length > 0 ? 'se.series' : 'NULL::json AS series'}
      FROM groups g LEFT JOIN fixed x USING (node_id) LEFT JOIN model mo USING (node_id) LEFT JOIN random r USING (node_id)
      LEFT JOIN bins bi USING (node_id) LEFT JOIN shipped sh USING (node_id)
      ${q.pages.length > 0 ? 'LEFT JOIN listed li USING (node_id)' : ''}
      ${q.series.length > 0 ? 'LEFT JOIN series se USING (node_id)' : ''}`;
}
