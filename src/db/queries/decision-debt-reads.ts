import { type DataSource } from 'typeorm';
import { type Experiment } from '../../domain/experiment';
import { type StatsScope } from '../../domain/org-rollup';
import { experimentRows } from '../rows/tables';
import { conclusionDateSql } from '../sql/ewl-rules.sql';
import { buildExperimentFilterConditions, type ExperimentFilter } from './experiment-filter-reads';
import {
  type Connection,
  type CursorPosition,
  type PageRow,
  SqlParams,
  timestampCursorSql,
  toConnection,
} from './page-reads';

/** The order of a decision-debt page (part of its cursors): oldest conclusion first, then id. */
export const DECISION_DEBT_ORDER = 'CONCLUDED_ON:ASC';

/**
 * The experiments behind `OrgStats.decisionDebt`: in scope (counting toward EwL), concluded in the
 * window [from, to) as seen at min(to, now) (the roll-ups' conclusion date and 30-day rule,
 * docs/ewl-rules.md §6.4), and without any decision. The same set the roll-up counts.
 */
export interface DecisionDebtQuery {
  readonly scope: StatsScope;
  readonly from: Date | null;
  readonly to: Date;
  readonly now: Date;
  /** Already validated. */
  readonly filter: ExperimentFilter;
  readonly first: number;
  readonly after: CursorPosition | null;
}

function debtConditions(params: SqlParams, nodeId: string, q: DecisionDebtQuery, concludedOn: string): string[] {
  const node = `${params.add(nodeId)}::uuid`;
  return [
    q.scope === 'SUBTREE'
      ? `ec.owner_node_id IN (SELECT oc.descendant_id FROM org_node_closure oc WHERE oc.ancestor_id = ${node})`
      : `ec.owner_node_id = ${node}`,
    'ec.counts_toward_ewl',
    'ec.decision_kind IS NULL',
    `${concludedOn} < ${params.add(q.to.toISOString())}::timestamptz`,
    ...(q.from ? [`${concludedOn} >= ${params.add(q.from.toISOString())}::timestamptz`] : []),
    ...buildExperimentFilterConditions(q.filter, params),
  ];
}

/**
 * One page of a node's decision debt, oldest conclusion first (ties by id), with `totalCount`
 * when asked: at most two statements.
 */
export async function findDecisionDebtPage(
  db: DataSource,
  nodeId: string,
  q: DecisionDebtQuery,
  withTotalCount: boolean,
): Promise<Connection<Experiment>> {
  const params = new SqlParams();
  const asOf = `least(${params.add(q.to.toISOString())}::timestamptz, ${params.add(q.now.toISOString())}::timestamptz)`;
  const concludedOn = conclusionDateSql('ec', asOf);
  const conditions = debtConditions(params, nodeId, q, concludedOn);
  const page = q.after
    ? [
        ...conditions,
        `(${concludedOn}, e.id) > (${params.add(q.after.value)}::timestamptz, ${params.add(q.after.id)}::uuid)`,
      ]
    : conditions;
  const from = 'FROM experiment e JOIN experiment_classification ec ON ec.experiment_id = e.id';
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT ${experimentRows.columns('e')}, ${timestampCursorSql(concludedOn)} AS "cursorValue"
       ${from} WHERE ${page.join(' AND ')}
      ORDER BY ${concludedOn}, e.id LIMIT ${q.first + 1}`,
    params.values,
  );
  let totalCount: number | null = null;
  if (withTotalCount) {
    const countParams = new SqlParams();
    const countAsOf = `least(${countParams.add(q.to.toISOString())}::timestamptz, ${countParams.add(q.now.toISOString())}::timestamptz)`;
    const countConditions = debtConditions(countParams, nodeId, q, conclusionDateSql('ec', countAsOf));
    const [row] = await db.query(
      `SELECT count(*)::int AS n ${from} WHERE ${countConditions.join(' AND ')}`,
      countParams.values,
    );
    totalCount = (row as { n: number }).n;
  }
  const pageRows: PageRow<Experiment>[] = rows.map((row) => ({
    node: experimentRows.decode(row),
    cursorValue: (row.cursorValue as string | null) ?? null,
  }));
  return toConnection(pageRows, {
    first: q.first,
    order: DECISION_DEBT_ORDER,
    hasCursor: q.after !== null,
    totalCount,
  });
}
