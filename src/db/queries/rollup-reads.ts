import { type DataSource, type EntityManager } from 'typeorm';
import { type RollupCounts, type StatsRate, type StatsScope } from '../../domain/org-rollup';
import { BUCKET_MONTHS, type StatsBucket } from '../../domain/stats-window';
import { buildExperimentFilterConditions, type ExperimentFilter } from './experiment-filter-reads';
import { SqlParams } from './page-reads';
import { conclusionDateSql, rateSql, ROLLUP_AGGREGATES, ROLLUP_FLAGS_SQL, type RollupRow, toRollupCounts } from './rollup-sql';

/**
 * Roll-up statistics in SQL (spec §7-§8): one statement answers a whole SET of org nodes (and, for
 * a series, every bucket), aggregating the stored classifications over the closure table. Nothing
 * here loops over nodes or experiments in JavaScript; the rows returned are one per (node, window).
 *
 * Semantics, for a window [from, to) (from = null: since the beginning):
 * - conclusion date: `concluded_at`, or `ended_at` for a STOPPED experiment without a conclusion
 *   once more than 30 days passed at `asOf = min(to, now)` (the 30-day rule runs against the
 *   window's end, never later than the request's clock);
 * - concluded: in scope (counts toward EwL) with a conclusion date in the window — the denominator;
 * - pending: in scope, started before `to` and not concluded by `to` (a snapshot at `to`);
 * - excluded: out of scope with a conclusion date in the window; restarts: in-scope reruns
 *   (`restart_of_id` set) started in the window;
 * - decisions: the CURRENT decision of the concluded experiments, as it is now; decision debt =
 *   concluded without any decision, aged from its conclusion date to `asOf`.
 */

type Queryable = DataSource | EntityManager;

export interface RollupQuery {
  readonly from: Date | null;
  readonly to: Date;
  /** The request's clock; the 30-day rule runs at min(to, now). */
  readonly now: Date;
  /** Already validated (validateExperimentFilter). */
  readonly filter: ExperimentFilter;
}

export interface NodeRollupQuery extends RollupQuery {
  readonly scope: StatsScope;
}

export interface SeriesRollupQuery extends NodeRollupQuery {
  readonly bucket: StatsBucket;
}

export interface RankingQuery extends NodeRollupQuery {
  readonly by: StatsRate;
  readonly direction: 'ASC' | 'DESC';
  readonly minConcluded: number;
  readonly first: number;
}

export interface RollupPeriod {
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly counts: RollupCounts;
}

export interface RankedNode {
  readonly nodeId: string;
  readonly rank: number;
  readonly counts: RollupCounts;
}

type Members = 'SUBTREE' | 'OWN' | 'ALL';

const MEMBER_JOINS: Record<Members, string> = {
  SUBTREE: `JOIN org_node_closure oc ON oc.ancestor_id = g.node_id JOIN experiment_classification ec ON ec.owner_node_id = oc.descendant_id`,
  OWN: `JOIN experiment_classification ec ON ec.owner_node_id = g.node_id`,
  ALL: `CROSS JOIN experiment_classification ec`,
};

/** The one group of portfolioStats (a constant id, so that every join stays a plain equality). */
const PORTFOLIO_GROUP = '00000000-0000-0000-0000-000000000000';

const AGGREGATE_LIST = ROLLUP_AGGREGATES.map((c) => `a.${c.name}`).join(', ');

function singleWindow(params: SqlParams, q: RollupQuery): string {
  return `SELECT 0 AS w, ${params.add(q.from?.toISOString() ?? null)}::timestamptz AS w_from, ${params.add(q.to.toISOString())}::timestamptz AS w_to`;
}

/** Calendar buckets in UTC from generate_series, clipped to [from, to). */
function bucketWindows(params: SqlParams, q: SeriesRollupQuery & { from: Date }): string {
  const from = `${params.add(q.from.toISOString())}::timestamptz`;
  const to = `${params.add(q.to.toISOString())}::timestamptz`;
  const unit = { MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' }[q.bucket];
  const step = `interval '${BUCKET_MONTHS[q.bucket]} months'`;
  return `SELECT (row_number() OVER (ORDER BY s) - 1)::int AS w,
      greatest(s AT TIME ZONE 'UTC', ${from}) AS w_from, least((s + ${step}) AT TIME ZONE 'UTC', ${to}) AS w_to
    FROM generate_series(date_trunc('${unit}', ${from} AT TIME ZONE 'UTC'), (${to} - interval '1 microsecond') AT TIME ZONE 'UTC', ${step}) s`;
}

/**
 * The common statement head: `groups(node_id)`, `windows(w, w_from, w_to, as_of)`, and `agg`, the
 * pooled counts per (node_id, w) of the experiments each group holds.
 */
function rollupCtes(params: SqlParams, groups: string, members: Members, windows: string, q: RollupQuery): string {
  const conditions = buildExperimentFilterConditions(q.filter, params);
  return `WITH groups AS (${groups}),
  windows AS (SELECT w0.*, least(w0.w_to, ${params.add(q.now.toISOString())}::timestamptz) AS as_of FROM (${windows}) w0),
  members AS (
    SELECT g.node_id, ec.category, ec.sub_reason, ec.validity_reasons, ec.counts_toward_ewl, ec.status, ec.ended_at, ec.concluded_at,
           e.started_at, e.restart_of_id, d.kind AS decision_kind, d.decided_at
      FROM groups g ${MEMBER_JOINS[members]}
      JOIN experiment e ON e.id = ec.experiment_id
      LEFT JOIN decision d ON d.experiment_id = ec.experiment_id AND d.is_current
     ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}),
  y AS (SELECT m.*, w.w, w.w_from, w.w_to, w.as_of, ${conclusionDateSql('m', 'w.as_of')} AS concluded_on FROM members m CROSS JOIN windows w OFFSET 0),
  x AS (SELECT y.node_id, y.w, y.as_of, y.concluded_on, y.category, y.sub_reason, y.validity_reasons, y.ended_at, y.decision_kind, y.decided_at,
      ${ROLLUP_FLAGS_SQL}
    FROM y OFFSET 0),
  agg AS (SELECT x.node_id, x.w, ${ROLLUP_AGGREGATES.map((c) => `${c.sql} AS ${c.name}`).join(',\n    ')}
    FROM x WHERE x.concluded OR x.pending OR x.excluded OR x.restart GROUP BY x.node_id, x.w)`;
}

/** One row per (group, window), zero counts included, ordered by window. */
async function runRollup(db: Queryable, params: SqlParams, ctes: string): Promise<Array<RollupRow & { node_id: string; w: number }>> {
  return db.query(
    `${ctes}
     SELECT g.node_id, w.w, w.w_from, w.w_to, ${AGGREGATE_LIST}
       FROM groups g CROSS JOIN windows w LEFT JOIN agg a ON a.node_id = g.node_id AND a.w = w.w
      ORDER BY w.w`,
    params.values,
  );
}

const nodeGroups = (params: SqlParams, nodeIds: readonly string[]) => `SELECT DISTINCT unnest(${params.add([...nodeIds])}::uuid[]) AS node_id`;

/** Pooled counts of each node (in `nodeIds` order) for one window; ONE statement for all nodes. */
export async function findRollupCountsByNodeIds(db: Queryable, nodeIds: readonly string[], q: NodeRollupQuery): Promise<RollupCounts[]> {
  if (nodeIds.length === 0) return [];
  const params = new SqlParams();
  const rows = await runRollup(db, params, rollupCtes(params, nodeGroups(params, nodeIds), q.scope, singleWindow(params, q), q));
  const byNode = new Map(rows.map((r) => [r.node_id, toRollupCounts(r)]));
  return nodeIds.map((id) => byNode.get(id)!);
}

/** Pooled counts per calendar bucket of each node (in `nodeIds` order); ONE statement for all nodes and buckets. */
export async function findRollupSeriesByNodeIds(
  db: Queryable, nodeIds: readonly string[], q: SeriesRollupQuery & { from: Date },
): Promise<RollupPeriod[][]> {
  if (nodeIds.length === 0) return [];
  const params = new SqlParams();
  const rows = await runRollup(db, params, rollupCtes(params, nodeGroups(params, nodeIds), q.scope, bucketWindows(params, q), q));
  const byNode = new Map<string, RollupPeriod[]>(nodeIds.map((id) => [id, []]));
  for (const row of rows) {
    byNode.get(row.node_id)!.push({ periodStart: new Date(row.w_from!), periodEnd: new Date(row.w_to!), counts: toRollupCounts(row) });
  }
  return nodeIds.map((id) => byNode.get(id)!);
}

/** Pooled counts of every experiment matching the filter (portfolioStats); one statement. */
export async function findPortfolioRollupCounts(db: Queryable, q: RollupQuery): Promise<RollupCounts> {
  const params = new SqlParams();
  const [row] = await runRollup(db, params, rollupCtes(params, `SELECT '${PORTFOLIO_GROUP}'::uuid AS node_id`, 'ALL', singleWindow(params, q), q));
  return toRollupCounts(row!);
}

/**
 * Each root's descendants (depth >= 1) with at least `minConcluded` concluded experiments, ranked
 * by a rate (ties: more concluded first, then node key), the first `first` per root. ONE statement
 * for all roots.
 */
export async function findRankingsByNodeIds(db: Queryable, rootIds: readonly string[], q: RankingQuery): Promise<RankedNode[][]> {
  if (rootIds.length === 0) return [];
  const params = new SqlParams();
  const roots = params.add([...rootIds]);
  const groups = `SELECT DISTINCT oc.descendant_id AS node_id FROM org_node_closure oc WHERE oc.ancestor_id = ANY(${roots}::uuid[]) AND oc.depth > 0`;
  const ctes = rollupCtes(params, groups, q.scope, singleWindow(params, q), q);
  const rows: Array<RollupRow & { root_id: string; node_id: string; rank: number }> = await db.query(
    `${ctes}
     SELECT * FROM (
       SELECT oc.ancestor_id AS root_id, a.node_id, ${AGGREGATE_LIST},
              row_number() OVER (PARTITION BY oc.ancestor_id ORDER BY ${rateSql('a', q.by)} ${q.direction === 'ASC' ? 'ASC' : 'DESC'}, a.concluded DESC, n.key)::int AS rank
         FROM agg a
         JOIN org_node_closure oc ON oc.descendant_id = a.node_id AND oc.depth > 0 AND oc.ancestor_id = ANY(${roots}::uuid[])
         JOIN org_node n ON n.id = a.node_id
        WHERE a.concluded >= ${params.add(Math.max(1, q.minConcluded))}::int) ranked
      WHERE rank <= ${params.add(q.first)}::int
      ORDER BY root_id, rank`,
    params.values,
  );
  const byRoot = new Map<string, RankedNode[]>(rootIds.map((id) => [id, []]));
  for (const row of rows) byRoot.get(row.root_id)!.push({ nodeId: row.node_id, rank: Number(row.rank), counts: toRollupCounts(row) });
  return rootIds.map((id) => byRoot.get(id)!);
}
