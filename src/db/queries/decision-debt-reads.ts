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

function debtConditions(params: SqlParams, node: string, q: DecisionDebtQuery, concludedOn: string): string[] {
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

const FROM_DEBT = 'FROM experiment e JOIN experiment_classification ec ON ec.experiment_id = e.id';

/** The conclusion date of `ec` as seen at min(to, now) (an SQL expression whose parameters go to `params`). */
function concludedOnSql(params: SqlParams, q: DecisionDebtQuery): string {
  const asOf = `least(${params.add(q.to.toISOString())}::timestamptz, ${params.add(q.now.toISOString())}::timestamptz)`;
  return conclusionDateSql('ec', asOf);
}

/**
 * One page of each node's decision debt, oldest conclusion first (ties by id), with `totalCount`
 * when asked, in `nodeIds` order: one LATERAL page statement for every node, and with the total
 * count one count statement for every node.
 */
export async function findDecisionDebtPages(
  db: DataSource,
  nodeIds: readonly string[],
  q: DecisionDebtQuery,
  withTotalCount: boolean,
): Promise<Connection<Experiment>[]> {
  const [rows, counts] = await Promise.all([
    readDebtPageRows(db, nodeIds, q),
    withTotalCount ? countDebtByNodeIds(db, nodeIds, q) : null,
  ]);
  const rowsByNode = new Map<string, PageRow<Experiment>[]>();
  for (const row of rows) {
    const list = rowsByNode.get(row.scopeId as string) ?? [];
    list.push({ node: experimentRows.decode(row), cursorValue: (row.cursorValue as string | null) ?? null });
    rowsByNode.set(row.scopeId as string, list);
  }
  return nodeIds.map((id) =>
    toConnection(rowsByNode.get(id) ?? [], {
      first: q.first,
      order: DECISION_DEBT_ORDER,
      hasCursor: q.after !== null,
      totalCount: counts ? (counts.get(id) ?? 0) : null,
    }),
  );
}

/** At most `first + 1` rows of each node's page (column scopeId: the node), after the cursor if any. */
async function readDebtPageRows(
  db: DataSource,
  nodeIds: readonly string[],
  q: DecisionDebtQuery,
): Promise<Array<Record<string, unknown>>> {
  const params = new SqlParams();
  const scope = params.add(nodeIds);
  const concludedOn = concludedOnSql(params, q);
  const conditions = debtConditions(params, 's.scope_id', q, concludedOn);
  const page = q.after
    ? [
        ...conditions,
        `(${concludedOn}, e.id) > (${params.add(q.after.value)}::timestamptz, ${params.add(q.after.id)}::uuid)`,
      ]
    : conditions;
  return db.query(
    `SELECT s.scope_id AS "scopeId", p.* FROM unnest(${scope}::uuid[]) AS s(scope_id)
     CROSS JOIN LATERAL (
       SELECT ${experimentRows.columns('e')}, ${timestampCursorSql(concludedOn)} AS "cursorValue"
         ${FROM_DEBT} WHERE ${page.join(' AND ')}
        ORDER BY ${concludedOn}, e.id LIMIT ${q.first + 1}) p`,
    params.values,
  );
}

/** How many experiments each node's debt holds (the cursor ignored), in one statement. */
async function countDebtByNodeIds(
  db: DataSource,
  nodeIds: readonly string[],
  q: DecisionDebtQuery,
): Promise<Map<string, number>> {
  const params = new SqlParams();
  const scope = params.add(nodeIds);
  const conditions = debtConditions(params, 's.scope_id', q, concludedOnSql(params, q));
  const counts = (await db.query(
    `SELECT s.scope_id AS "scopeId", (SELECT count(*)::int ${FROM_DEBT} WHERE ${conditions.join(' AND ')}) AS n
       FROM unnest(${scope}::uuid[]) AS s(scope_id)`,
    params.values,
  )) as Array<{ scopeId: string; n: number }>;
  return new Map(counts.map((c) => [c.scopeId, c.n]));
}
