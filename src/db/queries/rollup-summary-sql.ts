import type { SqlParams } from './page-reads';
import { COUNT_COLUMNS } from './rollup-sql';
import { awaitingStoppedRuleSql, conclusionDateSql, settledSql } from '../sql/ewl-rules.sql';

/**
 * The summary path of the roll-up statement (docs/decisions/0004-caches.md): the same `agg(node_id, w, ...)` relation
 * as the raw path of `rollup-reads.ts`, computed in two stages so that the cost grows with the
 * number of org nodes and months rather than with experiments x ancestors:
 *
 * 1. per OWNER node and window, from
 *    - `org_rollup_month` (kept in step with the stored classifications by triggers) for the whole
 *      UTC months inside the window, [lo, p), and for the prefix of months before p, the month of
 *      the window's end (pending = in-scope starts before `to` minus in-scope conclusions before
 *      `to`, since every experiment concludes after it starts);
 *    - the classification rows themselves for what the months do not hold: the edges [from, lo)
 *      and [p, to), and the STOPPED experiments without a conclusion, whose conclusion date
 *      depends on the reader's clock (the 30-day rule at min(to, now));
 *    - the oldest undecided conclusion from a partial index (a minimum cannot be summed);
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

/** Window bounds of the summary path: lo_ts/lo_month (first whole month) and p_ts/p_month (month of `to`). */
function windowBounds(windows: string, now: string): string {
  const ceilFrom = `CASE WHEN ${utcMonth('w0.w_from')} = w0.w_from AT TIME ZONE 'UTC' THEN w0.w_from
      ELSE (${utcMonth('w0.w_from')} + interval '1 month') AT TIME ZONE 'UTC' END`;
  const p = `(${utcMonth('w0.w_to')} AT TIME ZONE 'UTC')`;
  return `SELECT w1.*, (w1.lo_ts AT TIME ZONE 'UTC')::date AS lo_month, (w1.p_ts AT TIME ZONE 'UTC')::date AS p_month,
      least(w1.lo_ts, w1.w_to) AS e1_to FROM (
      SELECT w0.*, least(w0.w_to, ${now}) AS as_of, ${p} AS p_ts,
             CASE WHEN w0.w_from IS NULL THEN '-infinity'::timestamptz ELSE least(${ceilFrom}, ${p}) END AS lo_ts
        FROM (${windows}) w0) w1`;
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
  now: Date,
  withMedian: boolean,
): string {
  const summarised = COUNT_COLUMNS.filter((c) => c.summary !== null);
  const sumList = (alias: string) => summarised.map((c) => `sum(${alias}.${c.name}) AS ${c.name}`).join(', ');
  const median = withMedian
    ? `med AS MATERIALIZED (SELECT g.node_id, w.w, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.decided_at - c.ended_at) / 86400)::float8 AS median_days
      FROM groups g ${GROUP_ROWS[members]} JOIN windows w
        ON (c.concluded_at < w.w_to AND (w.w_from IS NULL OR c.concluded_at >= w.w_from)) OR (${awaitingStoppedRuleSql('c')})
     WHERE c.decision_kind IS NOT NULL AND c.counts_toward_ewl
       AND ${conclusionDateSql('c', 'w.as_of')} < w.w_to AND (w.w_from IS NULL OR ${conclusionDateSql('c', 'w.as_of')} >= w.w_from)
     GROUP BY g.node_id, w.w),`
    : '';
  return `WITH groups AS (${groups}),
  windows AS (${windowBounds(windows, `${params.add(now.toISOString())}::timestamptz`)}),
  owners AS (${OWNERS[members]}),
  s AS (SELECT r.owner_node_id AS owner_id, w.w,
      ${summarised.map((c) => `sum(r.${c.summary}) FILTER (WHERE r.month >= w.lo_month) AS ${c.name}`).join(',\n      ')},
      sum(r.started) AS started_before, sum(r.concluded) AS concluded_before
    FROM owners o JOIN org_rollup_month r ON r.owner_node_id = o.owner_id JOIN windows w ON r.month < w.p_month
    GROUP BY r.owner_node_id, w.w),
  y AS (SELECT ${Y_COLUMNS}, ${conclusionDateSql('c', 'w.as_of')} AS concluded_on, ${SETTLED} AS settled
      FROM windows w JOIN experiment_classification c ON ${IN_EDGES('c.concluded_at')} OR ${IN_EDGES('c.started_at')}
     WHERE c.owner_node_id IN (SELECT owner_id FROM owners)
    UNION ALL
    SELECT ${Y_COLUMNS}, ${conclusionDateSql('c', 'w.as_of')}, ${SETTLED}
      FROM windows w JOIN experiment_classification c ON ${awaitingStoppedRuleSql('c')} AND NOT coalesce(${IN_EDGES('c.started_at')}, false)
     WHERE c.owner_node_id IN (SELECT owner_id FROM owners)),
  x AS (SELECT y.owner_id, y.w, y.concluded_on, y.category, y.sub_reason, y.validity_reasons, y.decision_kind, y.design_amended,
      ${rawFlagsSql()}
    FROM y OFFSET 0),
  ra AS (SELECT x.owner_id, x.w, ${summarised.map((c) => `count(*) FILTER (WHERE ${c.condition})::bigint AS ${c.name}`).join(', ')},
      count(*) FILTER (WHERE x.started_before)::bigint AS started_before, count(*) FILTER (WHERE x.concluded_before)::bigint AS concluded_before,
      min(x.concluded_on) FILTER (WHERE x.concluded AND x.decision_kind IS NULL) AS oldest_undecided
    FROM x GROUP BY x.owner_id, x.w),
  um AS (SELECT c.owner_node_id AS owner_id, w.w, min(c.concluded_at) AS oldest_undecided
      FROM owners o JOIN experiment_classification c ON c.owner_node_id = o.owner_id AND c.decision_kind IS NULL AND c.counts_toward_ewl AND ${SETTLED}
      JOIN windows w ON c.concluded_at < w.w_to AND (w.w_from IS NULL OR c.concluded_at >= w.w_from)
     GROUP BY c.owner_node_id, w.w),
  own AS MATERIALIZED (SELECT u.owner_id, u.w, ${sumList('u')}, sum(u.started_before) AS started_before, sum(u.concluded_before) AS concluded_before,
      min(u.oldest_undecided) AS oldest_undecided
    FROM (SELECT s.*, NULL::timestamptz AS oldest_undecided FROM s
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
