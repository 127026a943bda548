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

/**
 * The column behind each sort. Every sort has a btree index in its order, so that a page stops after
 * `first + 1` matching rows (migration `ExperimentSortIndexes`): the unique `key`; `(column, id)` for
 * NOT NULL columns, read backwards for DESC; for `nullable` ones `(column, id)` (ASC, NULLs last) and
 * `(column DESC NULLS LAST, id DESC)`, since the API puts NULLs last in both directions.
 */
export const SORT_COLUMNS: Record<
  ExperimentOrderField,
  { readonly column: string; readonly timestamp: boolean; readonly nullable: boolean; readonly unique: boolean }
> = {
  KEY: { column: 'key', timestamp: false, nullable: false, unique: true },
  TITLE: { column: 'title', timestamp: false, nullable: false, unique: false },
  CREATED_AT: { column: 'created_at', timestamp: true, nullable: false, unique: false },
  STARTED_AT: { column: 'started_at', timestamp: true, nullable: true, unique: false },
  ENDED_AT: { column: 'ended_at', timestamp: true, nullable: true, unique: false },
  CONCLUDED_AT: { column: 'concluded_at', timestamp: true, nullable: true, unique: false },
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

function whereClause(conditions: readonly string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * Keyset condition "after the cursor" in the API's order. A row comparison on a NOT NULL key is an
 * index condition the scan starts from; a nullable key adds its NULL rows, which come last.
 */
function keysetCondition(query: ExperimentPageQuery, params: SqlParams): string | undefined {
  if (!query.after) return undefined;
  const { column, timestamp, nullable, unique } = SORT_COLUMNS[query.order.field];
  const col = `e.${column}`;
  const cmp = query.order.direction === 'ASC' ? '>' : '<';
  const id = () => `${params.add(query.after!.id)}::uuid`;
  if (query.after.value === null) return nullable ? `(${col} IS NULL AND e.id ${cmp} ${id()})` : 'false';
  const value = `${params.add(query.after.value)}::${timestamp ? 'timestamptz' : 'text'}`;
  if (unique) return `${col} ${cmp} ${value}`;
  const after = `(${col}, e.id) ${cmp} (${value}, ${id()})`;
  return nullable ? `(${after} OR ${col} IS NULL)` : after;
}

/**
 * The page SELECT over alias `e`: experiment columns plus `"cursorValue"`, at most `first + 1` rows,
 * in the API's order: the sort key (NULLs last in both directions), then id in the same direction
 * (`key` is unique: no tie to break). Each order is an index's order, so the page reads no more
 * rows than it returns when the filter holds for most of them.
 */
function pageSelect(query: ExperimentPageQuery, params: SqlParams, scopeNodeSql?: string): string {
  const { column, timestamp, nullable, unique } = SORT_COLUMNS[query.order.field];
  const col = `e.${column}`;
  const dir = query.order.direction;
  const conditions = buildExperimentFilterConditions(query.filter, params, scopeNodeSql);
  const keyset = keysetCondition(query, params);
  if (keyset) conditions.push(keyset);
  const cursorSql = timestamp ? timestampCursorSql(col) : col;
  // NULLS LAST only where NULLs exist: on a NOT NULL column it would not match the index read backwards.
  const key = `${col} ${dir}${nullable ? ' NULLS LAST' : ''}`;
  return `SELECT ${experimentRows.columns('e')}, ${cursorSql} AS "cursorValue"
    FROM experiment e ${whereClause(conditions)}
    ORDER BY ${unique ? key : `${key}, e.id ${dir}`}
    LIMIT ${query.first + 1}`;
}

function toPageRow(row: Record<string, unknown>): PageRow<Experiment> {
  return { node: experimentRows.decode(row), cursorValue: (row.cursorValue as string | null) ?? null };
}

function connectionOptions(query: ExperimentPageQuery, totalCount: number | null) {
  return { first: query.first, order: orderKey(query.order), hasCursor: query.after !== null, totalCount };
}

/** A hand-written statement and its positional parameters. */
export interface Statement {
  readonly sql: string;
  readonly values: readonly unknown[];
}

/** The statement of one page of `query`: at most `first + 1` rows. */
export function experimentPageStatement(query: ExperimentPageQuery): Statement {
  const params = new SqlParams();
  return { sql: pageSelect(query, params), values: params.values };
}

/** The statement counting every experiment that `query`'s filter matches (column `n`). */
export function experimentCountStatement(query: ExperimentPageQuery): Statement {
  const params = new SqlParams();
  const conditions = buildExperimentFilterConditions(query.filter, params);
  return { sql: `SELECT count(*)::int AS n FROM experiment e ${whereClause(conditions)}`, values: params.values };
}

/** What a page answers besides its rows: `totalCount` costs a count over every match, so only when asked. */
export interface PageOptions {
  readonly withTotalCount: boolean;
}

/** One page of experiments: one statement, two (run together) with the total count. */
export async function findExperimentPage(
  dataSource: DataSource,
  query: ExperimentPageQuery,
  options: PageOptions,
): Promise<Connection<Experiment>> {
  const page = experimentPageStatement(query);
  const count = options.withTotalCount ? experimentCountStatement(query) : null;
  const [rows, counted] = await Promise.all([
    dataSource.query(page.sql, [...page.values]) as Promise<Array<Record<string, unknown>>>,
    count && (dataSource.query(count.sql, [...count.values]) as Promise<Array<{ n: number }>>),
  ]);
  return toConnection(rows.map(toPageRow), connectionOptions(query, counted ? counted[0]!.n : null));
}

/**
 * The same page for several org nodes at once (OrgNode.experiments through a DataLoader): one
 * LATERAL page query for all nodes, and with the total count one count query for all nodes.
 * Returns connections in `nodeIds` order.
 */
export async function findExperimentPagesByOwnerNodeIds(
  dataSource: DataSource,
  nodeIds: readonly string[],
  query: ExperimentPageQuery,
  options: PageOptions,
): Promise<Connection<Experiment>[]> {
  const pageParams = new SqlParams();
  const pageScope = pageParams.add(nodeIds);
  const pageSql = `SELECT s.scope_id AS "scopeId", p.* FROM unnest(${pageScope}::uuid[]) AS s(scope_id)
    CROSS JOIN LATERAL (${pageSelect(query, pageParams, 's.scope_id')}) p`;
  const [rows, counts] = await Promise.all([
    dataSource.query(pageSql, pageParams.values) as Promise<Array<Record<string, unknown>>>,
    options.withTotalCount ? countByOwnerNodeIds(dataSource, nodeIds, query) : null,
  ]);
  const rowsByNode = new Map<string, PageRow<Experiment>[]>();
  for (const row of rows) {
    const list = rowsByNode.get(row.scopeId as string) ?? [];
    list.push(toPageRow(row));
    rowsByNode.set(row.scopeId as string, list);
  }
  return nodeIds.map((id) =>
    toConnection(rowsByNode.get(id) ?? [], connectionOptions(query, counts ? (counts.get(id) ?? 0) : null)),
  );
}

/** How many experiments `query`'s filter matches under each node, in one statement. */
async function countByOwnerNodeIds(
  dataSource: DataSource,
  nodeIds: readonly string[],
  query: ExperimentPageQuery,
): Promise<Map<string, number>> {
  const params = new SqlParams();
  const scope = params.add(nodeIds);
  const conditions = buildExperimentFilterConditions(query.filter, params, 's.scope_id');
  const sql = `SELECT s.scope_id AS "scopeId", (SELECT count(*)::int FROM experiment e ${whereClause(conditions)}) AS n
    FROM unnest(${scope}::uuid[]) AS s(scope_id)`;
  const counts = (await dataSource.query(sql, params.values)) as Array<{ scopeId: string; n: number }>;
  return new Map(counts.map((c) => [c.scopeId, c.n]));
}
