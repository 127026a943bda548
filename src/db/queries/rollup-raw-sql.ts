import { conclusionDateSql } from '../sql/ewl-rules.sql';
import { buildExperimentFilterConditions, type ExperimentFilter } from './experiment-filter-reads';
import { type SqlParams } from './page-reads';
import {
  COMPANION_SOURCE_COLUMNS,
  companionColumnsSql,
  companionCtes,
  concludedRowColumnsSql,
} from './rollup-companion-sql';
import { rawAggregates, ROLLUP_FLAGS_SQL } from './rollup-sql';
import { type Members } from './rollup-summary-sql';

/**
 * The raw path of the roll-ups (rollup-reads.ts): the CTEs `groups`, `windows` and `agg` built from
 * every (group, experiment, window) row of the stored classifications, for the requests the monthly
 * summary cannot answer (an experiment filter, or `asOf`).
 */

/** What the raw path reads of a roll-up query (RollupQuery in rollup-reads.ts). */
interface RawQuery {
  readonly now: Date;
  readonly filter: ExperimentFilter;
  readonly withMedian: boolean;
  readonly withCompanions: boolean;
  readonly asOf?: Date | null;
}

const MEMBER_JOINS: Record<Members, string> = {
  SUBTREE: `JOIN org_node_closure oc ON oc.ancestor_id = g.node_id JOIN experiment_classification ec ON ec.owner_node_id = oc.descendant_id`,
  OWN: `JOIN experiment_classification ec ON ec.owner_node_id = g.node_id`,
  ALL: `CROSS JOIN experiment_classification ec`,
};

/**
 * The classification rows the raw path reads, as `ec` with the experiment's start and restart
 * flag, and the current decision as `d`: now, or as of an instant (the version of the history in
 * force then, with the current owner; the latest decision recorded by then).
 */
function rawSources(params: SqlParams, asOf: Date | null | undefined): { versions: string; decision: string } {
  if (!asOf) {
    return {
      versions: '',
      decision: 'LEFT JOIN decision d ON d.experiment_id = ec.experiment_id AND d.is_current',
    };
  }
  const at = `${params.add(asOf.toISOString())}::timestamptz`;
  return {
    versions: `ec_asof AS (SELECT DISTINCT ON (h.experiment_id) h.experiment_id, e.owner_node_id, h.category, h.sub_reason, h.validity_reasons,
        h.counts_toward_ewl, h.status, h.started_at, h.ended_at, h.concluded_at, h.is_restart,
        ${COMPANION_SOURCE_COLUMNS.map((c) => `h.${c}`).join(', ')}
      FROM experiment_classification_history h JOIN experiment e ON e.id = h.experiment_id
     WHERE h.changed_at <= ${at} ORDER BY h.experiment_id, h.changed_at DESC, h.seq DESC),`,
    decision: `LEFT JOIN LATERAL (SELECT d0.kind, d0.decided_at FROM decision d0 WHERE d0.experiment_id = ec.experiment_id AND d0.created_at <= ${at}
      ORDER BY d0.decided_at DESC, d0.seq DESC LIMIT 1) d ON true`,
  };
}

/** The raw path: every (group, experiment, window) row, aggregated with FILTERs. */
export function rawRollupCtes(
  params: SqlParams,
  groups: string,
  members: Members,
  windows: string,
  q: RawQuery,
): string {
  const conditions = buildExperimentFilterConditions(q.filter, params);
  const sources = rawSources(params, q.asOf);
  const joins = q.asOf
    ? MEMBER_JOINS[members].replace('experiment_classification ec', 'ec_asof ec')
    : MEMBER_JOINS[members];
  const start = q.asOf
    ? 'ec.started_at, CASE WHEN ec.is_restart THEN ec.experiment_id END AS restart_of_id'
    : 'e.started_at, e.restart_of_id';
  // As of an instant: amended by then (the first amendment's instant is kept on the experiment).
  const amended = q.asOf
    ? `coalesce(e.design_amended_at <= ${params.add(q.asOf.toISOString())}::timestamptz, false)`
    : 'ec.design_amended';
  const companions = q.withCompanions;
  const companionSource = companions ? `, ${COMPANION_SOURCE_COLUMNS.map((c) => `ec.${c}`).join(', ')}` : '';
  const companionRow = companions ? `y.started_at, ${COMPANION_SOURCE_COLUMNS.map((c) => `y.${c}`).join(', ')},` : '';
  return `WITH groups AS (${groups}), ${sources.versions}
  windows AS (SELECT w0.*, least(w0.w_to, ${params.add(q.now.toISOString())}::timestamptz) AS as_of FROM (${windows}) w0),
  members AS (
    SELECT g.node_id, ec.category, ec.sub_reason, ec.validity_reasons, ec.counts_toward_ewl, ec.status, ec.ended_at, ec.concluded_at,
           ${start}, ${amended} AS design_amended, d.kind AS decision_kind, d.decided_at${companionSource}
      FROM groups g ${joins}
      JOIN experiment e ON e.id = ec.experiment_id
      ${sources.decision}
     ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}),
  y AS (SELECT m.*, w.w, w.w_from, w.w_to, w.as_of, ${conclusionDateSql('m', 'w.as_of')} AS concluded_on FROM members m CROSS JOIN windows w OFFSET 0),
  x AS (SELECT y.node_id, y.w, y.as_of, y.concluded_on, y.category, y.sub_reason, y.validity_reasons, y.ended_at, y.decision_kind, y.decided_at,
      y.design_amended, ${companionRow}
      ${ROLLUP_FLAGS_SQL}
    FROM y OFFSET 0),
  agg0 AS (SELECT x.node_id, x.w, ${rawAggregates(q.withMedian)
    .map((c) => `${c.sql} AS ${c.name}`)
    .join(',\n    ')}
    FROM x WHERE x.concluded OR x.pending OR x.excluded OR x.restart OR x.started GROUP BY x.node_id, x.w),
  ${companions ? `cr AS (SELECT x.node_id, x.w, ${concludedRowColumnsSql('x')} FROM x WHERE x.concluded), ${companionCtes()}` : ''}
  agg AS (SELECT a0.*, ${companionColumnsSql(companions ? 'cm' : null)}
    FROM agg0 a0 ${companions ? 'LEFT JOIN comp cm ON cm.node_id = a0.node_id AND cm.w = a0.w' : ''})`;
}
