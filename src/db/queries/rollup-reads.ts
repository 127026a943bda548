import { type DataSource, type EntityManager } from 'typeorm';
import {
  buildRollupStats,
  type RollupCounts,
  type RollupStats,
  type StatsRate,
  type StatsScope,
} from '../../domain/org-rollup';
import { BUCKET_MONTHS, bucketStart, type StatsBucket } from '../../domain/stats-window';
import { buildExperimentFilterConditions, type ExperimentFilter } from './experiment-filter-reads';
import { SqlParams } from './page-reads';
import {
  ageInDays,
  oldestUndecidedMs,
  rateSql,
  ROLLUP_OUTPUT_COLUMNS,
  type RollupRow,
  toRollupCounts,
} from './rollup-sql';
import { type RollupCacheHandle } from './rollup-cache';
import { type Members, summaryRollupCtes } from './rollup-summary-sql';
import { rawRollupCtes } from './rollup-raw-sql';
import { queryPrepared } from '../prepared-statement';

/**
 * Roll-up statistics in SQL (docs/ewl-rules.md §7-§8): one statement answers a whole SET of org nodes (and, for
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
  /**
   * Whether to compute the median days to decision (not decomposable, so the costliest number;
   * resolvers ask for it only when the field is selected). Null in the answer when false.
   */
  readonly withMedian: boolean;
  /**
   * Whether to compute the companion numbers that are not sums (days run, the overrun share and the
   * precision medians, docs/ewl-rules.md §7.1): asked for only when selected. Zeros and nulls when false.
   */
  readonly withCompanions: boolean;
  /**
   * "As of" (README "Safe writes"): when set, the statistics as they stood at that instant: each
   * experiment's stored classification version in force then (experiments created later do not
   * exist) and the decisions recorded by then. `now` is then this instant. The current org tree
   * and owners apply (docs/ewl-rules.md §8).
   */
  readonly asOf?: Date | null;
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

/** The one group of portfolioStats (a constant id, so that every join stays a plain equality). */
const PORTFOLIO_GROUP = '00000000-0000-0000-0000-000000000000';

const AGGREGATE_LIST = ROLLUP_OUTPUT_COLUMNS.map((name) => `a.${name}`).join(', ');

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

/** True when the filter makes no SQL condition (the summary covers exactly the unfiltered sets). */
function isUnfiltered(filter: ExperimentFilter): boolean {
  return buildExperimentFilterConditions(filter, new SqlParams()).length === 0;
}

/** True when the request reads the monthly summary: no experiment filter and no `asOf`. */
const readsSummary = (q: RollupQuery) => isUnfiltered(q.filter) && !q.asOf;

/**
 * The common statement head: `groups(node_id)`, `windows(w, w_from, w_to, as_of)`, and `agg`, the
 * pooled counts per (node_id, w) of the experiments each group holds. Unfiltered requests read
 * the monthly summary (`rollup-summary-sql.ts`); filtered ones aggregate the experiment rows (`rollup-raw-sql.ts`).
 */
function rollupCtes(params: SqlParams, groups: string, members: Members, windows: string, q: RollupQuery): string {
  if (readsSummary(q)) return summaryRollupCtes(params, groups, members, windows, q);
  return rawRollupCtes(params, groups, members, windows, q);
}

/**
 * Runs a roll-up statement: the summary path's as a prepared statement with a generic plan (a few
 * shapes, planned once per connection: `queryPrepared`), the raw path's as any other query (its
 * shape follows the filter, and its plan the filter's values).
 */
function runStatement<T>(db: Queryable, q: RollupQuery, sql: string, params: SqlParams): Promise<T[]> {
  return readsSummary(q) ? queryPrepared<T>(db, sql, params.values) : (db.query(sql, params.values) as Promise<T[]>);
}

type WindowRow = RollupRow & { node_id: string; w: number; w_from: Date | null; w_to: Date };

/** One row per (group, window), zero counts included, ordered by window. */
async function runRollup(db: Queryable, q: RollupQuery, params: SqlParams, ctes: string): Promise<WindowRow[]> {
  return runStatement<WindowRow>(
    db,
    q,
    `${ctes}
     SELECT g.node_id, w.w, w.w_from, w.w_to, ${AGGREGATE_LIST}
       FROM groups g CROSS JOIN windows w LEFT JOIN agg a ON a.node_id = g.node_id AND a.w = w.w
      ORDER BY w.w`,
    params,
  );
}

/**
 * Runs `compute` through the roll-up cache when one is given. The key is the statement's meaning:
 * its kind, its node set and its arguments, without the request's clock: a window end defaulted to
 * the request's clock is "NOW" (what the clock changes between two requests is bounded by the
 * cache's validity horizon), an explicit one is kept as given. `period` adds what else the clock
 * decides: for a series ending now, the bucket that holds now (a new bucket opens at its boundary).
 */
async function cachedRows<T>(
  cache: RollupCacheHandle | undefined,
  kind: string,
  ids: readonly string[],
  q: RollupQuery,
  compute: () => Promise<T>,
  period?: string,
): Promise<T> {
  if (!cache) return compute();
  const open = q.to.getTime() === q.now.getTime();
  const key = JSON.stringify([
    kind,
    ids,
    { ...q, now: undefined, to: open ? 'NOW' : q.to },
    open ? (period ?? null) : null,
  ]);
  return cache.cache.get(key, await cache.state(), compute);
}

/** The instant the decision debt is aged at for a window ending at `to`: min(to, now). */
const agedAt = (to: Date, now: Date) => Math.min(to.getTime(), now.getTime());

const nodeGroups = (params: SqlParams, nodeIds: readonly string[]) =>
  `SELECT DISTINCT unnest(${params.add([...nodeIds])}::uuid[]) AS node_id`;

/**
 * `OrgNode.stats` of each node (in `nodeIds` order): ONE statement for all nodes of one window.
 * Its rows are built into statistics (rates, Wilson intervals, breakdowns) once, and the roll-up
 * cache keeps them built; only the age of the decision debt, which depends on this request's
 * clock, is taken per request. Cached statistics are shared between requests: nothing downstream
 * may change them.
 */
export async function findRollupStatsByNodeIds(
  db: Queryable,
  nodeIds: readonly string[],
  q: NodeRollupQuery,
  cache?: RollupCacheHandle,
): Promise<RollupStats[]> {
  if (nodeIds.length === 0) return [];
  const built = await cachedRows(cache, 'nodes', nodeIds, q, async () => {
    const params = new SqlParams();
    const rows = await runRollup(
      db,
      q,
      params,
      rollupCtes(params, nodeGroups(params, nodeIds), q.scope, singleWindow(params, q), q),
    );
    return new Map(
      rows.map((r) => [
        String(r.node_id),
        { stats: buildRollupStats(toRollupCounts(r, 0)), oldestUndecidedMs: oldestUndecidedMs(r) },
      ]),
    );
  });
  const at = agedAt(q.to, q.now);
  return nodeIds.map((id) => {
    const { stats, oldestUndecidedMs: since } = built.get(id)!;
    if (stats.decisionDebt.count === 0 || since === null) return stats;
    return { ...stats, decisionDebt: { count: stats.decisionDebt.count, oldestAgeDays: ageInDays(since, at) } };
  });
}

/** Pooled counts per calendar bucket of each node (in `nodeIds` order); ONE statement for all nodes and buckets. */
export async function findRollupSeriesByNodeIds(
  db: Queryable,
  nodeIds: readonly string[],
  q: SeriesRollupQuery & { from: Date },
  cache?: RollupCacheHandle,
): Promise<RollupPeriod[][]> {
  if (nodeIds.length === 0) return [];
  const lastStart = bucketStart(new Date(q.to.getTime() - 1), q.bucket);
  const rows = await cachedRows(
    cache,
    'series',
    nodeIds,
    q,
    () => {
      const params = new SqlParams();
      return runRollup(
        db,
        q,
        params,
        rollupCtes(params, nodeGroups(params, nodeIds), q.scope, bucketWindows(params, q), q),
      );
    },
    lastStart.toISOString(),
  );
  const byNode = new Map<string, RollupPeriod[]>(nodeIds.map((id) => [id, []]));
  for (const row of rows) {
    // The last bucket ends at this request's `to` (a cached answer was computed at an earlier now).
    const periodEnd = new Date(row.w_to).getTime() > lastStart.getTime() ? q.to : new Date(row.w_to);
    byNode
      .get(row.node_id)!
      .push({ periodStart: new Date(row.w_from!), periodEnd, counts: toRollupCounts(row, agedAt(periodEnd, q.now)) });
  }
  return nodeIds.map((id) => byNode.get(id)!);
}

/** Pooled counts of every experiment matching the filter (portfolioStats); one statement. */
export async function findPortfolioRollupCounts(
  db: Queryable,
  q: RollupQuery,
  cache?: RollupCacheHandle,
): Promise<RollupCounts> {
  const [row] = await cachedRows(cache, 'portfolio', [], q, () => {
    const params = new SqlParams();
    return runRollup(
      db,
      q,
      params,
      rollupCtes(params, `SELECT '${PORTFOLIO_GROUP}'::uuid AS node_id`, 'ALL', singleWindow(params, q), q),
    );
  });
  return toRollupCounts(row!, agedAt(q.to, q.now));
}

/**
 * Each root's descendants (depth >= 1) with at least `minConcluded` concluded experiments, ranked
 * by a rate (ties: more concluded first, then node key), the first `first` per root. ONE statement
 * for all roots.
 */
export async function findRankingsByNodeIds(
  db: Queryable,
  rootIds: readonly string[],
  q: RankingQuery,
  cache?: RollupCacheHandle,
): Promise<RankedNode[][]> {
  if (rootIds.length === 0) return [];
  const rows = await cachedRows(cache, 'ranking', rootIds, q, () => {
    const params = new SqlParams();
    const roots = params.add([...rootIds]);
    const groups = `SELECT DISTINCT oc.descendant_id AS node_id FROM org_node_closure oc WHERE oc.ancestor_id = ANY(${roots}::uuid[]) AND oc.depth > 0`;
    const ctes = rollupCtes(params, groups, q.scope, singleWindow(params, q), q);
    return runStatement<RollupRow & { root_id: string; node_id: string; rank: number }>(
      db,
      q,
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
      params,
    );
  });
  const at = agedAt(q.to, q.now);
  const byRoot = new Map<string, RankedNode[]>(rootIds.map((id) => [id, []]));
  for (const row of rows)
    byRoot.get(row.root_id)!.push({ nodeId: row.node_id, rank: Number(row.rank), counts: toRollupCounts(row, at) });
  return rootIds.map((id) => byRoot.get(id)!);
}
