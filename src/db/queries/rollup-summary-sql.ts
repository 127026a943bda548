import type { SqlParams } from './page-reads';
import { COUNT_COLUMNS } from './rollup-sql';
import { awaitingStoppedRuleSql, conclusionDateSql, settledSql } from '../sql/ewl-rules.sql';

/**
 * The summary path of the roll-up statement (docs/decisions/0004-caches.md): the same `agg(node_id, w, ...)` relation
 * as the raw path of `rollup-reads.ts`, computed in two stages so that the cost grows with the
 * number of org nodes and months rather than with experiments x ancestors:
 *
 * 1. per OWNER node and window, from
 *    - `org_rollup_total` and `org_rollup_month` (kept in step with the stored classifications by
 *      triggers) for the whole UTC months inside the window, [lo, p), and for the prefix of months
 *      before p, the month of the window's end (pending = in-scope starts before `to` minus
 *      in-scope conclusions before `to`, since every experiment concludes after it starts). Both
 *      read only the months from the window's end on (and from lo on, when the window has a
 *      start): the prefix is the total minus those months, and so are the counts of a window open
 *      at its start;
 *    - the classification rows themselves for what the months do not hold: the edges [from, lo)
 *      and [p, to), found by range scans of their dates, and the STOPPED experiments without a
 *      conclusion, whose conclusion date depends on the reader's clock (the 30-day rule at
 *      min(to, now));
 *    - the oldest undecided conclusion, one probe per owner of a partial index (a minimum cannot
 *      be summed);
 * 2. per group, the sum of its owners (the closure table for SUBTREE).
 *
 * Every count equals the raw path's exactly; the brute-force tests check both paths. The median
 * days to decision is not decomposable: when asked for, it is computed from the decided rows of
 * each group (an index-only scan of `experiment_classification_decided_idx`).
 */

export type Members = 'SUBTREE' | 'OWN' | 'ALL';

const OWNERS: Record<Members, string> = {
  SUBTREE:
    'SELECT DISTINCT oc.descendant_id AS owner_id FROM groups g JOIN org_node_closure oc ON oc.ancestor_id = g.node_id',
  OWN: 'SELECT DISTINCT g.node_id AS owner_id FROM groups g',
  ALL: 'SELECT n.id AS owner_id FROM org_node n',
};

const GROUP_OWNERS: Record<Members, string> = {
  SUBTREE: 'JOIN org_node_closure oc ON oc.ancestor_id = g.node_id JOIN own o ON o.owner_id = oc.descendant_id',
  OWN: 'JOIN own o ON o.owner_id = g.node_id',
  ALL: 'CROSS JOIN own o',
};

const GROUP_ROWS: Record<Members, string> = {
  SUBTREE:
    'JOIN org_node_closure oc ON oc.ancestor_id = g.node_id JOIN experiment_classification c ON c.owner_node_id = oc.descendant_id',
  OWN: 'JOIN experiment_classification c ON c.owner_node_id = g.node_id',
  ALL: 'CROSS JOIN experiment_classification c',
};

const SETTLED = settledSql('c');

/**
 * `ts` inside an edge of window `w`: [from, lo) (clipped to the window) or [p, to). Stated as
 * plain ranges so that PostgreSQL can OR two range scans of one index.
 */
const IN_EDGES = (ts: string) => `((${ts} >= w.w_from AND ${ts} < w.e1_to) OR (${ts} >= w.p_ts AND ${ts} < w.w_to))`;

const Y_COLUMNS = `c.owner_node_id AS owner_id, c.category, c.sub_reason, c.validity_reasons, c.counts_toward_ewl, c.status, c.ended_at, c.concluded_at,
           c.started_at, c.is_restart, c.design_amended, c.decision_kind, w.w, w.w_from, w.w_to, w.as_of, w.lo_ts, w.p_ts`;
const utcMonth = (ts: string) => `date_trunc('month', ${ts} AT TIME ZONE 'UTC')`;

/**
 * Window bounds of the summary path: lo_ts/lo_month (first whole month; -infinity for a window
 * open at its start), p_ts/p_month (month of `to`), e1_to (end of the first edge) and m_from, the
 * first month read from `org_rollup_month` (p_month for a window open at its start, else lo_month).
 */
function windowBounds(windows: string, now: string): string {
  const ceilFrom = `CASE WHEN ${utcMonth('w0.w_from')} = w0.w_from AT TIME ZONE 'UTC' THEN w0.w_from
      ELSE (${utcMonth('w0.w_from')} + interval '1 month') AT TIME ZONE 'UTC' END`;
  const p = `(${utcMonth('w0.w_to')} AT TIME ZONE 'UTC')`;
  return `SELECT w2.*, CASE WHEN w2.w_from IS NULL THEN w2.p_month ELSE w2.lo_month END AS m_from FROM (
    SELECT w1.*, (w1.lo_ts AT TIME ZONE 'UTC')::date AS lo_month, (w1.p_ts AT TIME ZONE 'UTC')::date AS p_month,
      least(w1.lo_ts, w1.w_to) AS e1_to FROM (
      SELECT w0.*, least(w0.w_to, ${now}) AS as_of, ${p} AS p_ts,
             CASE WHEN w0.w_from IS NULL THEN '-infinity'::timestamptz ELSE least(${ceilFrom}, ${p}) END AS lo_ts
        FROM (${windows}) w0) w1) w2`;
}

/**
 * Summary rows per owner and window, signed so that their sums are the summarised counts and the
 * prefix before p: the owner's total (its counts for a window open at its start; its prefix always)
 * and its months from m_from on (+1 inside [lo, p); from p on, -1 off the prefix and, for a window
 * open at its start, off the counts). `firstMonth` is a constant lower bound of every window's
 * m_from: the same rows, but the planner can estimate and index it (m_from comes from a CTE).
 */
function signedSummaryRows(firstMonth: string): string {
  const summarised = COUNT_COLUMNS.filter((c) => c.summary !== null);
  const signed = (alias: string, sgn: string, psgn: string) =>
    `${summarised.map((c) => `${sgn} * ${alias}.${c.summary} AS ${c.name}`).join(', ')},
           ${psgn} * ${alias}.started AS started_before, ${psgn} * ${alias}.concluded AS concluded_before, NULL::timestamptz AS oldest_undecided`;
  return `SELECT t.owner_node_id AS owner_id, w.w, ${signed('t', 'CASE WHEN w.w_from IS NULL THEN 1 ELSE 0 END', '1')}
      FROM owners o JOIN org_rollup_total t ON t.owner_node_id = o.owner_id CROSS JOIN windows w
    UNION ALL
    SELECT r.owner_node_id, w.w, ${signed('r', 'CASE WHEN r.month < w.p_month THEN 1 WHEN w.w_from IS NULL THEN -1 ELSE 0 END', 'CASE WHEN r.month < w.p_month THEN 0 ELSE -1 END')}
      FROM owners o JOIN org_rollup_month r ON r.owner_node_id = o.owner_id AND r.month >= ${firstMonth} JOIN windows w ON r.month >= w.m_from`;
}

/** What the summary path reads of a roll-up query: its bounds (every window lies in [from, to)), clock and median. */
export interface SummaryQuery {
  readonly from: Date | null;
  readonly to: Date;
  readonly now: Date;
  readonly withMedian: boolean;
}

/**
 * The CTEs `groups`, `windows` and `agg` of the summary path (see the module comment). Only for
 * requests without an experiment filter: the summary is not split by kind or tags.
 */
export function summaryRollupCtes(
  params: SqlParams,
  groups: string,
  members: Members,
  windows: string,
  q: SummaryQuery,
): string {
  const { now, withMedian } = q;
  // Every window's m_from is at least the month of `from` (of `to` for a window open at its start).
  const firstMonth = `${utcMonth(`${params.add((q.from ?? q.to).toISOString())}::timestamptz`)}::date`;
  const summarised = COUNT_COLUMNS.filter((c) => c.summary !== null);
  const sumList = (alias: string) => summarised.map((c) => `sum(${alias}.${c.name})::int AS ${c.name}`).join(', ');
  const median = withMedian
    ? `med AS MATERIALIZED (SELECT g.node_id, w.w, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.decided_at - c.ended_at) / 86400)::float8 AS median_days
      FROM groups g ${GROUP_ROWS[members]} JOIN windows w
        ON (c.concluded_at < w.w_to AND (w.w_from IS NULL OR c.concluded_at >= w.w_from)) OR (${awaitingStoppedRuleSql('c')})
     WHERE c.decision_kind IS NOT NULL AND c.counts_toward_ewl
       AND ${conclusionDateSql('c', 'w.as_of')} < w.w_to AND (w.w_from IS NULL OR ${conclusionDateSql('c', 'w.as_of')} >= w.w_from)
     GROUP BY g.node_id, w.w),`
    : '';
  // `edges` is materialised so that it is found by range scans of the two dates whatever the number of owners (the
  // planner takes a subtree for a few owners and would read every row of each). Counts are int throughout: sums of
  // int aggregate in a machine word, sums of bigint through numeric. `OFFSET 0` keeps um's probe evaluated once a row.
  return `WITH groups AS (${groups}),
  windows AS (${windowBounds(windows, `${params.add(now.toISOString())}::timestamptz`)}),
  owners AS (${OWNERS[members]}),
  sm AS (${signedSummaryRows(firstMonth)}),
  edges AS MATERIALIZED (SELECT ${Y_COLUMNS}, ${conclusionDateSql('c', 'w.as_of')} AS concluded_on, ${SETTLED} AS settled
      FROM windows w JOIN experiment_classification c ON ${IN_EDGES('c.concluded_at')} OR ${IN_EDGES('c.started_at')}),
  y AS (SELECT e.* FROM edges e WHERE e.owner_id IN (SELECT owner_id FROM owners)
    UNION ALL
    SELECT ${Y_COLUMNS}, ${conclusionDateSql('c', 'w.as_of')}, ${SETTLED}
      FROM windows w JOIN experiment_classification c ON ${awaitingStoppedRuleSql('c')} AND NOT coalesce(${IN_EDGES('c.started_at')}, false)
     WHERE c.owner_node_id IN (SELECT owner_id FROM owners)),
  x AS (SELECT y.owner_id, y.w, y.concluded_on, y.category, y.sub_reason, y.validity_reasons, y.decision_kind, y.design_amended,
      ${rawFlagsSql()}
    FROM y OFFSET 0),
  ra AS (SELECT x.owner_id, x.w, ${summarised.map((c) => `count(*) FILTER (WHERE ${c.condition})::int AS ${c.name}`).join(', ')},
      count(*) FILTER (WHERE x.started_before)::int AS started_before, count(*) FILTER (WHERE x.concluded_before)::int AS concluded_before,
      min(x.concluded_on) FILTER (WHERE x.concluded AND x.decision_kind IS NULL) AS oldest_undecided
    FROM x GROUP BY x.owner_id, x.w),
  um AS (SELECT u.* FROM (SELECT o.owner_id, w.w, (SELECT min(c.concluded_at) FROM experiment_classification c
        WHERE c.owner_node_id = o.owner_id AND c.decision_kind IS NULL AND c.counts_toward_ewl AND ${SETTLED}
          AND c.concluded_at < w.w_to AND c.concluded_at >= coalesce(w.w_from, '-infinity'::timestamptz)) AS oldest_undecided
      FROM owners o CROSS JOIN windows w OFFSET 0) u WHERE u.oldest_undecided IS NOT NULL),
  own AS MATERIALIZED (SELECT u.owner_id, u.w, ${sumList('u')}, sum(u.started_before)::int AS started_before,
      sum(u.concluded_before)::int AS concluded_before, min(u.oldest_undecided) AS oldest_undecided
    FROM (SELECT sm.* FROM sm
          UNION ALL SELECT ra.* FROM ra
          UNION ALL SELECT um.owner_id, um.w, ${summarised.map(() => '0').join(', ')}, 0, 0, um.oldest_undecided FROM um) u
    GROUP BY u.owner_id, u.w),
  ${median}
  agg0 AS (SELECT g.node_id, o.w,
      ${COUNT_COLUMNS.map((c) => (c.summary ? `coalesce(sum(o.${c.name}), 0)::int AS ${c.name}` : `coalesce(sum(o.started_before) - sum(o.concluded_before), 0)::int AS ${c.name}`)).join(',\n      ')},
      min(o.oldest_undecided) AS oldest_undecided
    FROM groups g ${GROUP_OWNERS[members]}
    GROUP BY g.node_id, o.w),
  agg AS (SELECT ${COUNT_COLUMNS.map((c) => `a0.${c.name}`).join(', ')},
      (extract(epoch FROM a0.oldest_undecided) * 1000)::float8 AS oldest_undecided_ms,
      ${withMedian ? 'm.median_days' : 'NULL::float8'} AS median_days_to_decision, a0.node_id, a0.w
    FROM agg0 a0 JOIN windows w ON w.w = a0.w ${withMedian ? 'LEFT JOIN med m ON m.node_id = a0.node_id AND m.w = a0.w' : ''})`;
}

/**
 * The raw path's flags, restricted to what the summary months do not hold: a conclusion counts
 * here unless it is a settled one inside [lo, p); a restart unless it started inside [lo, p); and
 * the pending terms count starts in [p, to) and conclusions before `to` that are not settled
 * before p.
 */
function rawFlagsSql(): string {
  const inWindow = (ts: string) => `(${ts} < y.w_to AND (y.w_from IS NULL OR ${ts} >= y.w_from))`;
  const inMonths = (ts: string) => `(${ts} >= y.lo_ts AND ${ts} < y.p_ts)`;
  const notSummarisedConclusion = `NOT (y.settled AND ${inMonths('y.concluded_at')})`;
  return [
    `coalesce(y.counts_toward_ewl AND ${inWindow('y.concluded_on')} AND ${notSummarisedConclusion}, false) AS concluded`,
    `coalesce(NOT y.counts_toward_ewl AND ${inWindow('y.concluded_on')} AND ${notSummarisedConclusion}, false) AS excluded`,
    `coalesce(y.counts_toward_ewl AND y.is_restart AND ${inWindow('y.started_at')} AND NOT ${inMonths('y.started_at')}, false) AS restart`,
    `coalesce(y.counts_toward_ewl AND y.started_at >= y.p_ts AND y.started_at < y.w_to, false) AS started_before`,
    `coalesce(y.counts_toward_ewl AND y.concluded_on < y.w_to AND NOT (y.settled AND y.concluded_at < y.p_ts), false) AS concluded_before`,
  ].join(',\n      ');
}
