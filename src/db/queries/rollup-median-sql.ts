import type { Members } from './rollup-summary-sql';
import { awaitingStoppedRuleSql, conclusionDateSql, settledSql } from '../sql/ewl-rules.sql';
import { concludedRowColumnsSql } from './rollup-companion-sql';

/**
 * The median days to decision of the summary path: the CTE `med(node_id, w, median_days)` over the
 * summary path's `groups` and `windows`. The median is over the experiments that count toward EwL,
 * have a decision and conclude inside the window (their conclusion date as the 30-day rule sees it
 * at min(to, now)); the value is (decided_at - ended_at) in days, as a float8.
 *
 * A median is not a sum, so it used to sort every such experiment of each group. For a SUBTREE or
 * the whole portfolio over a window open at its start (the default "all time up to now"), it now
 * reads the histogram `org_decision_delay` (migration DecisionDelays: per node over its subtree
 * and per whole hour of delay, the settled experiments and the STOPPED ones without a conclusion):
 *
 * 1. per group and window, the histogram of the group's node (of every root for the portfolio)
 *    minus what concludes at or after `to`: the settled experiments concluded then and the STOPPED
 *    ones that ended in the 30-day margin, on or after cut_ts (read from the rows);
 * 2. the hour (or the two hours) holding the middle rank(s), floor((n-1)/2) and floor(n/2), from
 *    the running sum of the counts;
 * 3. the experiments of that hour only (`experiment_classification_delay_idx`), sorted and ranked
 *    from the count of the hours before; percentile_cont(0.5) over the one or two middle values
 *    is bit for bit the percentile_cont(0.5) of all of them (the same interpolation between the
 *    same two values).
 *
 * Hours are ordered as the values are (floor of the same interval), so the ranks agree. Other
 * windows, and OWN, sort the experiments of each group as before.
 */

/** The classification rows `c` of each group `g`. */
const GROUP_ROWS: Record<Members, (group: string) => string> = {
  SUBTREE: (g) =>
    `JOIN org_node_closure oc ON oc.ancestor_id = ${g}.node_id JOIN experiment_classification c ON c.owner_node_id = oc.descendant_id`,
  OWN: (g) => `JOIN experiment_classification c ON c.owner_node_id = ${g}.node_id`,
  ALL: () => 'CROSS JOIN experiment_classification c',
};

/** The nodes whose subtree histograms add up to each group's (SUBTREE: the group itself; ALL: every root). */
const HISTOGRAM_NODES: Record<Exclude<Members, 'OWN'>, string> = {
  SUBTREE: 'SELECT g.node_id, g.node_id AS top_id FROM groups g',
  ALL: 'SELECT g.node_id, n.id AS top_id FROM groups g JOIN org_node n ON n.parent_id IS NULL',
};

/**
 * The classification rows `c` of each group `g` (joined with `windows w`) that satisfy `where`,
 * with the columns `select`: a lateral subquery per owner node (per group for ALL), so that each
 * is one index range of the owner and its date or hour (the planner would otherwise read every
 * decided row of the owner and filter it).
 */
function groupRowsWhere(members: Exclude<Members, 'OWN'>, g: string, select: string, where: string): string {
  const owners =
    members === 'SUBTREE'
      ? {
          join: `JOIN org_node_closure oc ON oc.ancestor_id = ${g}.node_id`,
          owner: 'c.owner_node_id = oc.descendant_id AND ',
        }
      : { join: '', owner: '' };
  return `${owners.join} CROSS JOIN LATERAL (SELECT ${select} FROM experiment_classification c WHERE ${owners.owner}${where} OFFSET 0) c`;
}

/** The value the median is taken of, in days (the float8 percentile_cont sorts). */
const DAYS = '(extract(epoch FROM c.decided_at - c.ended_at) / 86400)::float8';
const HOUR = 'decision_delay_hour(c.decided_at, c.ended_at)';
const DECIDED = 'c.decision_kind IS NOT NULL AND c.counts_toward_ewl';
/** What `org_decision_delay` counts as settled, and as awaiting the 30-day rule (its migration's rules). */
const SETTLED = `${DECIDED} AND ${settledSql('c')} AND c.ended_at IS NOT NULL`;
const AWAITING = `${DECIDED} AND ${awaitingStoppedRuleSql('c')} AND c.ended_at IS NOT NULL`;

/** Sorts every decided experiment of each group: any window and membership. */
function sortedMedian(members: Members): string {
  return `med AS MATERIALIZED (SELECT g.node_id, w.w, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${DAYS}) AS median_days
      FROM groups g ${GROUP_ROWS[members]('g')} JOIN windows w
        ON (c.concluded_at < w.w_to AND (w.w_from IS NULL OR c.concluded_at >= w.w_from)) OR (${awaitingStoppedRuleSql('c')})
     WHERE ${DECIDED}
       AND ${conclusionDateSql('c', 'w.as_of')} < w.w_to AND (w.w_from IS NULL OR ${conclusionDateSql('c', 'w.as_of')} >= w.w_from)
     GROUP BY g.node_id, w.w),`;
}

/** From the histogram: every window open at its start, SUBTREE or the portfolio (see the module comment). */
function histogramMedian(members: Exclude<Members, 'OWN'>): string {
  return `mtop AS (${HISTOGRAM_NODES[members]}),
  mdet AS (SELECT g.node_id, w.w, c.hour
      FROM groups g CROSS JOIN windows w ${groupRowsWhere(members, 'g', `${HOUR} AS hour`, `c.concluded_at >= w.w_to AND ${SETTLED}`)}
    UNION ALL
    SELECT g.node_id, w.w, c.hour
      FROM groups g CROSS JOIN windows w ${groupRowsWhere(members, 'g', `${HOUR} AS hour`, `c.ended_at >= w.cut_ts AND ${AWAITING}`)}),
  mh AS (SELECT u.node_id, u.w, u.hour, sum(u.n)::int AS n FROM (
      SELECT t.node_id, w.w, h.hour, h.settled + h.awaiting AS n FROM mtop t JOIN org_decision_delay h ON h.node_id = t.top_id CROSS JOIN windows w
      UNION ALL SELECT d.node_id, d.w, d.hour, -1 FROM mdet d) u
    GROUP BY u.node_id, u.w, u.hour HAVING sum(u.n) <> 0),
  mc AS (SELECT mh.*, (sum(mh.n) OVER (PARTITION BY mh.node_id, mh.w ORDER BY mh.hour) - mh.n)::int AS before,
      (sum(mh.n) OVER (PARTITION BY mh.node_id, mh.w))::int AS total FROM mh),
  mb AS (SELECT mc.* FROM mc WHERE mc.before <= mc.total / 2 AND mc.before + mc.n > (mc.total - 1) / 2),
  mv AS (SELECT b.node_id, b.w, b.hour, b.before, b.total, c.days
      FROM mb b JOIN windows w ON w.w = b.w ${groupRowsWhere(
        members,
        'b',
        `${DAYS} AS days`,
        `${HOUR} = b.hour AND ((${SETTLED} AND c.concluded_at < w.w_to) OR (${AWAITING} AND c.ended_at < w.cut_ts))`,
      )}),
  mr AS (SELECT mv.*, mv.before + row_number() OVER (PARTITION BY mv.node_id, mv.w, mv.hour ORDER BY mv.days) - 1 AS rank FROM mv),
  med AS MATERIALIZED (SELECT mr.node_id, mr.w, percentile_cont(0.5) WITHIN GROUP (ORDER BY mr.days) AS median_days
      FROM mr WHERE mr.rank = (mr.total - 1) / 2 OR mr.rank = mr.total / 2
     GROUP BY mr.node_id, mr.w),`;
}

/**
 * `cr`, the concluded experiments of each group and window with the columns of the companion
 * numbers (`rollup-companion-sql.ts`): in scope, with a conclusion date in the window as the 30-day
 * rule sees it at the window's `as_of`, read as the sorted median reads them. Ends with a comma.
 */
export function concludedRowsCte(members: Members): string {
  return `cr AS (SELECT g.node_id, w.w, ${concludedRowColumnsSql('c')}
      FROM groups g ${GROUP_ROWS[members]('g')} JOIN windows w
        ON (c.concluded_at < w.w_to AND (w.w_from IS NULL OR c.concluded_at >= w.w_from)) OR (${awaitingStoppedRuleSql('c')})
     WHERE c.counts_toward_ewl
       AND ${conclusionDateSql('c', 'w.as_of')} < w.w_to AND (w.w_from IS NULL OR ${conclusionDateSql('c', 'w.as_of')} >= w.w_from)),`;
}

/**
 * The CTEs ending in `med(node_id, w, median_days)` for the summary path's `groups` and `windows`;
 * `openStart`: every window is open at its start.
 */
export function medianCtes(members: Members, openStart: boolean): string {
  return openStart && members !== 'OWN' ? histogramMedian(members) : sortedMedian(members);
}
