import type { SqlParams } from './page-reads';
import { COUNT_COLUMNS, type CountColumn, SUMMARY_COLUMNS } from './rollup-sql';
import {
  awaitingStoppedRuleSql,
  conclusionDateSql,
  settledSql,
  STALE_STOPPED_INTERVAL_SQL,
} from '../sql/ewl-rules.sql';
import { concludedRowsCte, medianCtes } from './rollup-median-sql';
import { companionColumnsSql, companionCtes } from './rollup-companion-sql';

/**
 * The summary path of the roll-up statement (docs/decisions/0004-caches.md): the same `agg(node_id, w, ...)` relation
 * as the raw path of `rollup-reads.ts`, computed in two stages so that the cost grows with the
 * number of org nodes and months rather than with experiments x ancestors:
 *
 * 1. per OWNER node and window, from
 *    - `org_rollup_total` and `org_rollup_month` (kept in step with the stored classifications by
 *      triggers) for the whole UTC months inside the window and for the prefixes that pending
 *      needs (in-scope starts before `to` minus in-scope conclusions before `to`, since every
 *      experiment concludes after it starts). Settled experiments count by the month of their
 *      conclusion: the months [lo, p), p the month of `to`. STOPPED experiments without a
 *      conclusion count by the month of their end once the 30-day rule has run at as_of =
 *      min(to, now), i.e. before cut = as_of - 30 days: the months [lo_s, pc), pc the month of cut.
 *      A prefix is the total minus the months from p (pc) on, and so are the counts of a window
 *      open at its start; so only the months from pc on are read (from lo_s on, for a window with
 *      a start);
 *    - the classification rows themselves for what the months do not hold: the edges [from, lo)
 *      and [p, to) of the starts and conclusions, and the margins [from, lo_s) and [pc, cut) of the
 *      STOPPED experiments' ends, each found by range scans of its dates;
 *    - the oldest undecided conclusion, a probe per owner of two partial indexes (a minimum cannot
 *      be summed);
 * 2. per group, the sum of its owners (the closure table for SUBTREE).
 *
 * Every count equals the raw path's exactly; the brute-force tests check both paths. The median
 * days to decision is not a sum: when asked for, it comes from a histogram and the experiments of
 * its middle hour, or from the sorted experiments of each group (`rollup-median-sql.ts`).
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

const SETTLED = settledSql('c');
const AWAITING = awaitingStoppedRuleSql('c');

/**
 * `ts` inside an edge of window `w`: [from, lo) (clipped to the window) or [p, to). Stated as
 * plain ranges so that PostgreSQL can OR two range scans of one index.
 */
const IN_EDGES = (ts: string) => `((${ts} >= w.w_from AND ${ts} < w.e1_to) OR (${ts} >= w.p_ts AND ${ts} < w.w_to))`;

/** `ts` inside the 30-day margin of window `w`, [pc, cut), or before its first whole month of ends, [from, lo_s). */
const IN_MARGIN = (ts: string) =>
  `((${ts} >= w.pc_ts AND ${ts} < w.cut_ts) OR (${ts} >= w.w_from AND ${ts} < w.los_ts))`;

const Y_COLUMNS = `c.owner_node_id AS owner_id, c.category, c.sub_reason, c.validity_reasons, c.counts_toward_ewl, c.status, c.ended_at, c.concluded_at,
           c.started_at, c.is_restart, c.design_amended, c.decision_kind, w.w, w.w_from, w.w_to, w.as_of, w.lo_ts, w.p_ts, w.los_ts, w.pc_ts,
           ${conclusionDateSql('c', 'w.as_of')} AS concluded_on, ${SETTLED} AS settled, ${AWAITING} AS awaiting`;
const utcMonth = (ts: string) => `date_trunc('month', ${ts} AT TIME ZONE 'UTC')`;
const monthStart = (ts: string) => `(${utcMonth(ts)} AT TIME ZONE 'UTC')`;

/**
 * Window bounds of the summary path, for the settled experiments by their conclusion and for the
 * STOPPED ones without a conclusion by their end (`_s`):
 * - p_ts: the month of `to`; lo_ts: the first whole month from `from` on, at most p (-infinity
 *   for a window open at its start); e1_to: the end of the first edge, [from, lo);
 * - cut_ts: `as_of` minus the 30-day rule's span (an end before it concludes the experiment);
 *   pc_ts: its month; los_ts: as lo_ts, at most pc;
 * - the same as dates (`_month`), and m_from, the first month read from the summary.
 */
function windowBounds(windows: string, now: string): string {
  const ceilFrom = `CASE WHEN ${utcMonth('w1.w_from')} = w1.w_from AT TIME ZONE 'UTC' THEN w1.w_from
      ELSE (${utcMonth('w1.w_from')} + interval '1 month') AT TIME ZONE 'UTC' END`;
  const firstWhole = (upTo: string) =>
    `CASE WHEN w1.w_from IS NULL THEN '-infinity'::timestamptz ELSE least(${ceilFrom}, ${upTo}) END`;
  const asDate = (ts: string) => `(${ts} AT TIME ZONE 'UTC')::date`;
  return `SELECT w3.*, CASE WHEN w3.w_from IS NULL THEN w3.pc_month ELSE w3.los_month END AS m_from FROM (
    SELECT w2.*, ${asDate('w2.lo_ts')} AS lo_month, ${asDate('w2.p_ts')} AS p_month, ${asDate('w2.los_ts')} AS los_month,
           ${asDate('w2.pc_ts')} AS pc_month, least(w2.lo_ts, w2.w_to) AS e1_to FROM (
      SELECT w1.*, ${firstWhole('w1.p_ts')} AS lo_ts, ${firstWhole('w1.pc_ts')} AS los_ts FROM (
        SELECT w0.*, least(w0.w_to, ${now}) AS as_of, ${monthStart('w0.w_to')} AS p_ts,
               least(w0.w_to, ${now}) - ${STALE_STOPPED_INTERVAL_SQL} AS cut_ts,
               ${monthStart(`(least(w0.w_to, ${now}) - ${STALE_STOPPED_INTERVAL_SQL})`)} AS pc_ts
          FROM (${windows}) w0) w1) w2) w3`;
}

/**
 * Summary rows per owner and window, signed so that their sums are the summarised counts and the
 * prefixes (starts and conclusions before `to`): the owner's total, and its months from m_from on.
 * For the settled counts, a month inside [lo, p) counts for a window with a start; a window open
 * at its start counts the total minus the months from p on; a prefix is the total minus the
 * months from p on. The same for the STOPPED experiments without a conclusion with [lo_s, pc).
 * `firstMonth` is a lower bound of every window's m_from from the statement's parameters: the same
 * rows, but it bounds each owner's index range whatever the join order (m_from comes from a CTE).
 */
function signedSummaryRows(firstMonth: string): string {
  const summarised = COUNT_COLUMNS.filter((c) => c.summary !== null);
  const columns = (alias: string) => SUMMARY_COLUMNS.map((c) => `${alias}.${c}`).join(', ');
  const count = (c: CountColumn) =>
    `u.sgn * u.${c.summary}${c.stopped ? ` + u.sgn_s * u.${c.stopped}` : ''} AS ${c.name}`;
  const open = 'CASE WHEN w.w_from IS NULL THEN 1 ELSE 0 END';
  const sign = (p: string, lo: string) =>
    `CASE WHEN r.month >= w.${p} THEN -${open} WHEN w.w_from IS NOT NULL AND r.month >= w.${lo} THEN 1 ELSE 0 END`;
  return `SELECT u.owner_node_id AS owner_id, u.w, ${summarised.map(count).join(', ')},
      u.psgn * u.started AS started_before, u.psgn * u.concluded + u.psgn_s * u.stopped_concluded AS concluded_before,
      NULL::timestamptz AS oldest_undecided
    FROM (SELECT t.owner_node_id, w.w, ${open} AS sgn, ${open} AS sgn_s, 1 AS psgn, 1 AS psgn_s, ${columns('t')}
        FROM owners o JOIN org_rollup_total t ON t.owner_node_id = o.owner_id CROSS JOIN windows w
      UNION ALL
      SELECT r.owner_node_id, w.w, ${sign('p_month', 'lo_month')}, ${sign('pc_month', 'los_month')},
             CASE WHEN r.month >= w.p_month THEN -1 ELSE 0 END, CASE WHEN r.month >= w.pc_month THEN -1 ELSE 0 END, ${columns('r')}
        FROM owners o JOIN org_rollup_month r ON r.owner_node_id = o.owner_id AND r.month >= ${firstMonth}
        JOIN windows w ON r.month >= w.m_from) u`;
}

/** What the summary path reads of a roll-up query: its bounds (every window lies in [from, to)), clock, median and companions. */
export interface SummaryQuery {
  readonly from: Date | null;
  readonly to: Date;
  readonly now: Date;
  readonly withMedian: boolean;
  readonly withCompanions: boolean;
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
  const { now, withMedian, withCompanions } = q;
  // Every window's m_from is at least the month of min(from (to for a window open at its start), now) - 30 days.
  const nowSql = `${params.add(now.toISOString())}::timestamptz`;
  const firstMonth = `${utcMonth(`(least(${params.add((q.from ?? q.to).toISOString())}::timestamptz, ${nowSql}) - ${STALE_STOPPED_INTERVAL_SQL})`)}::date`;
  const summarised = COUNT_COLUMNS.filter((c) => c.summary !== null);
  const sumList = (alias: string) => summarised.map((c) => `sum(${alias}.${c.name})::int AS ${c.name}`).join(', ');
  const median = withMedian ? medianCtes(members, q.from === null) : '';
  const companions = withCompanions ? `${concludedRowsCte(members)} ${companionCtes()}` : '';
  // `edges` and `margin` are materialised so that they are range scans of the dates whatever the number of owners (the
  // planner takes a subtree for a few owners and would read every row of each). Counts are int throughout: sums of
  // int aggregate in a machine word, sums of bigint through numeric. `OFFSET 0` keeps um's probe evaluated once a row.
  return `WITH groups AS (${groups}),
  windows AS (${windowBounds(windows, nowSql)}),
  owners AS (${OWNERS[members]}),
  sm AS (${signedSummaryRows(firstMonth)}),
  edges AS MATERIALIZED (SELECT ${Y_COLUMNS}
      FROM windows w JOIN experiment_classification c ON ${IN_EDGES('c.concluded_at')} OR ${IN_EDGES('c.started_at')}),
  margin AS MATERIALIZED (SELECT ${Y_COLUMNS}
      FROM windows w JOIN experiment_classification c ON ${AWAITING} AND ${IN_MARGIN('c.ended_at')}
        AND NOT coalesce(${IN_EDGES('c.started_at')}, false)),
  y AS (SELECT e.* FROM edges e WHERE e.owner_id IN (SELECT owner_id FROM owners)
    UNION ALL SELECT m.* FROM margin m WHERE m.owner_id IN (SELECT owner_id FROM owners)),
  x AS (SELECT y.owner_id, y.w, y.concluded_on, y.category, y.sub_reason, y.validity_reasons, y.decision_kind, y.design_amended,
      ${rawFlagsSql()}
    FROM y OFFSET 0),
  ra AS (SELECT x.owner_id, x.w, ${summarised.map((c) => `count(*) FILTER (WHERE ${c.condition})::int AS ${c.name}`).join(', ')},
      count(*) FILTER (WHERE x.started_before)::int AS started_before, count(*) FILTER (WHERE x.concluded_before)::int AS concluded_before,
      min(x.concluded_on) FILTER (WHERE x.concluded AND x.decision_kind IS NULL) AS oldest_undecided
    FROM x GROUP BY x.owner_id, x.w),
  um AS (SELECT u.* FROM (SELECT o.owner_id, w.w, least((SELECT min(c.concluded_at) FROM experiment_classification c
        WHERE c.owner_node_id = o.owner_id AND c.decision_kind IS NULL AND c.counts_toward_ewl AND ${SETTLED}
          AND c.concluded_at < w.w_to AND c.concluded_at >= coalesce(w.w_from, '-infinity'::timestamptz)),
        (SELECT min(c.ended_at) FROM experiment_classification c
        WHERE c.owner_node_id = o.owner_id AND c.decision_kind IS NULL AND c.counts_toward_ewl AND ${AWAITING}
          AND c.ended_at < w.cut_ts AND c.ended_at >= coalesce(w.w_from, '-infinity'::timestamptz))) AS oldest_undecided
      FROM owners o CROSS JOIN windows w OFFSET 0) u WHERE u.oldest_undecided IS NOT NULL),
  own AS MATERIALIZED (SELECT u.owner_id, u.w, ${sumList('u')}, sum(u.started_before)::int AS started_before,
      sum(u.concluded_before)::int AS concluded_before, min(u.oldest_undecided) AS oldest_undecided
    FROM (SELECT sm.* FROM sm
          UNION ALL SELECT ra.* FROM ra
          UNION ALL SELECT um.owner_id, um.w, ${summarised.map(() => '0').join(', ')}, 0, 0, um.oldest_undecided FROM um) u
    GROUP BY u.owner_id, u.w),
  ${median}
  ${companions}
  agg0 AS (SELECT g.node_id, o.w,
      ${COUNT_COLUMNS.map((c) => (c.summary ? `coalesce(sum(o.${c.name}), 0)::int AS ${c.name}` : `coalesce(sum(o.started_before) - sum(o.concluded_before), 0)::int AS ${c.name}`)).join(',\n      ')},
      min(o.oldest_undecided) AS oldest_undecided
    FROM groups g ${GROUP_OWNERS[members]}
    GROUP BY g.node_id, o.w),
  agg AS (SELECT ${COUNT_COLUMNS.map((c) => `a0.${c.name}`).join(', ')},
      (extract(epoch FROM a0.oldest_undecided) * 1000)::float8 AS oldest_undecided_ms,
      ${withMedian ? 'm.median_days' : 'NULL::float8'} AS median_days_to_decision, ${companionColumnsSql(withCompanions ? 'cm' : null)},
      a0.node_id, a0.w
    FROM agg0 a0 JOIN windows w ON w.w = a0.w ${withMedian ? 'LEFT JOIN med m ON m.node_id = a0.node_id AND m.w = a0.w' : ''}
      ${withCompanions ? 'LEFT JOIN comp cm ON cm.node_id = a0.node_id AND cm.w = a0.w' : ''})`;
}

/**
 * The raw path's flags, restricted to what the summary months do not hold: a conclusion counts
 * here unless it is a settled one inside [lo, p) or a STOPPED one without a conclusion that ended
 * inside [lo_s, pc); a restart unless it started inside [lo, p); and the pending terms count starts
 * in [p, to) and conclusions before `to` that are neither settled before p nor ended before pc.
 */
function rawFlagsSql(): string {
  const inWindow = (ts: string) => `(${ts} < y.w_to AND (y.w_from IS NULL OR ${ts} >= y.w_from))`;
  const inMonths = (ts: string) => `(${ts} >= y.lo_ts AND ${ts} < y.p_ts)`;
  const notSummarisedConclusion = `NOT (y.settled AND ${inMonths('y.concluded_at')})
        AND NOT (y.awaiting AND y.ended_at >= y.los_ts AND y.ended_at < y.pc_ts)`;
  return [
    `coalesce(y.counts_toward_ewl AND ${inWindow('y.concluded_on')} AND ${notSummarisedConclusion}, false) AS concluded`,
    `coalesce(NOT y.counts_toward_ewl AND ${inWindow('y.concluded_on')} AND ${notSummarisedConclusion}, false) AS excluded`,
    `coalesce(y.counts_toward_ewl AND y.is_restart AND ${inWindow('y.started_at')} AND NOT ${inMonths('y.started_at')}, false) AS restart`,
    `coalesce(y.counts_toward_ewl AND ${inWindow('y.started_at')} AND NOT ${inMonths('y.started_at')}, false) AS started`,
    `coalesce(y.counts_toward_ewl AND y.started_at >= y.p_ts AND y.started_at < y.w_to, false) AS started_before`,
    `coalesce(y.counts_toward_ewl AND y.concluded_on < y.w_to AND NOT (y.settled AND y.concluded_at < y.p_ts)
        AND NOT (y.awaiting AND y.ended_at < y.pc_ts), false) AS concluded_before`,
  ].join(',\n      ');
}
