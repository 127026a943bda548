import { type DataSource } from 'typeorm';
import { type Experiment } from '../../domain/experiment';
import { buildExperimentFilterConditions, type ExperimentFilter } from './experiment-filter-reads';
import { experimentRows } from '../rows/tables';
import {
  type Connection,
  type CursorPosition,
  type PageRow,
  SqlParams,
  timestampCursorSql,
  toConnection,
} from './page-reads';

export const EXPERIMENT_ORDER_FIELDS = [
  'KEY',
  'TITLE',
  'CREATED_AT',
  'STARTED_AT',
  'ENDED_AT',
  'CONCLUDED_AT',
] as const;
export type ExperimentOrderField = (typeof EXPERIMENT_ORDER_FIELDS)[number];
export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export interface ExperimentOrder {
  readonly field: ExperimentOrderField;
  readonly direction: SortDirection;
}

/** Newest first. */
export const DEFAULT_EXPERIMENT_ORDER: ExperimentOrder = { field: 'CREATED_AT', direction: 'DESC' };

export const SORT_COLUMNS: Record<ExperimentOrderField, { readonly column: string; readonly timestamp: boolean }> = {
  KEY: { column: 'key', timestamp: false },
  TITLE: { column: 'title', timestamp: false },
  CREATED_AT: { column: 'created_at', timestamp: true },
  STARTED_AT: { column: 'started_at', timestamp: true },
  ENDED_AT: { column: 'ended_at', timestamp: true },
  CONCLUDED_AT: { column: 'concluded_at', timestamp: true },
};

/** Validated arguments: what the page queries run. */
export interface ExperimentPageQuery {
  readonly filter: ExperimentFilter;
  readonly order: ExperimentOrder;
  readonly first: number;
  readonly after: CursorPosition | null;
}

export function orderKey(order: ExperimentOrder): string {
  return `${order.field}:${order.direction}`;
}

/** Keyset condition "after the cursor" for `ORDER BY col dir NULLS LAST, id dir`. */
function keysetCondition(query: ExperimentPageQuery, params: SqlParams): string | undefined {
  if (!query.after) return undefined;
  const { column, timestamp } = SORT_COLUMNS[query.order.field];
  const col = `e.${column}`;
  const cmp = query.order.direction === 'ASC' ? '>' : '<';
  const id = `${params.add(query.after.id)}::uuid`;
  if (query.after.value === null) return `(${col} IS NULL AND e.id ${cmp} ${id})`;
  const value = `${params.add(query.after.value)}::${timestamp ? 'timestamptz' : 'text'}`;
  // NULL keys sort last in both directions, so they always come after a non-NULL cursor.
  return `(${col} ${cmp} ${value} OR (${col} = ${value} AND e.id ${cmp} ${id}) OR ${col} IS NULL)`;
}

function whereClause(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** The page SELECT over alias `e`: experiment columns plus `"cursorValue"`, at most `first + 1` rows. */
function pageSelect(query: ExperimentPageQuery, params: SqlParams, scopeNodeSql?: string): string {
  const { column, timestamp } = SORT_COLUMNS[query.order.field];
  const conditions = buildExperimentFilterConditions(query.filter, params, scopeNodeSql);
  const keyset = keysetCondition(query, params);
  if (keyset) conditions.push(keyset);
  const cursorSql = timestamp ? timestampCursorSql(`e.${column}`) : `e.${column}`;
  const dir = query.order.direction;
  return `SELECT ${experimentRows.columns('e')}, ${cursorSql} AS "cursorValue"
    FROM experiment e ${whereClause(conditions)}
    ORDER BY e.${column} ${dir} NULLS LAST, e.id ${dir}
    LIMIT ${query.first + 1}`;
}

function toPageRow(row: Record<string, unknown>): PageRow<Experiment> {
  return { node: experimentRows.decode(row), cursorValue: (row.cursorValue as string | null) ?? null };
}

function connectionOptions(query: ExperimentPageQuery, totalCount: number) {
  return { first: query.first, order: orderKey(query.order), hasCursor: query.after !== null, totalCount };
}

/** One page of experiments (two statements: the page and the total count). */
export async function findExperimentPage(
  dataSource: DataSource,
  query: ExperimentPageQuery,
): Promise<Connection<Experiment>> {
  const pageParams = new SqlParams();
  const pageSql = pageSelect(query, pageParams);
  const countParams = new SqlParams();
  const countSql = `SELECT count(*)::int AS n FROM experiment e ${whereClause(buildExperimentFilterConditions(query.filter, countParams))}`;
  const [rows, [count]] = await Promise.all([
    dataSource.query(pageSql, pageParams.values),
    dataSource.query(countSql, countParams.values),
  ]);
  const pageRows = (rows as Array<Record<string, unknown>>).map(toPageRow);
  return toConnection(pageRows, connectionOptions(query, (count as { n: number }).n));
}

/**
 * The same page for several org nodes at once (OrgNode.experiments through a DataLoader): one
 * LATERAL page query and one count query for all nodes. Returns connections in `nodeIds` order.
 */
export async function findExperimentPagesByOwnerNodeIds(
  dataSource: DataSource,
  nodeIds: readonly string[],
  query: ExperimentPageQuery,
): Promise<Connection<Experiment>[]> {
  const pageParams = new SqlParams();
  const pageScope = pageParams.add(nodeIds);
  const pageSql = `SELECT s.scope_id AS "scopeId", p.* FROM unnest(${pageScope}::uuid[]) AS s(scope_id)
    CROSS JOIN LATERAL (${pageSelect(query, pageParams, 's.scope_id')}) p`;
  const countParams = new SqlParams();
  const countScope = countParams.add(nodeIds);
  const countConditions = buildExperimentFilterConditions(query.filter, countParams, 's.scope_id');
  const countSql = `SELECT s.scope_id AS "scopeId", (SELECT count(*)::int FROM experiment e ${whereClause(countConditions)}) AS n
    FROM unnest(${countScope}::uuid[]) AS s(scope_id)`;
  const [rows, counts] = (await Promise.all([
    dataSource.query(pageSql, pageParams.values),
    dataSource.query(countSql, countParams.values),
  ])) as [Array<Record<string, unknown>>, Array<{ scopeId: string; n: number }>];
  const rowsByNode = new Map<string, PageRow<Experiment>[]>();
  for (const row of rows) {
    const list = rowsByNode.get(row.scopeId as string) ?? [];
    list.push(toPageRow(row));
    rowsByNode.set(row.scopeId as string, list);
  }
  const countByNode = new Map(counts.map((c) => [c.scopeId, c.n]));
  return nodeIds.map((id) =>
    toConnection(rowsByNode.get(id) ?? [], connectionOptions(query, countByNode.get(id) ?? 0)),
  );
}
