import { type DataSource } from 'typeorm';
import type { Learning, LearningKind } from '../../domain/experiment';
import { type Queryable, queryLinkedRows, queryWrittenRow } from '../rows/table-rows';
import { experimentRows, hypothesisRows, learningRows } from '../rows/tables';
import { type Connection, type CursorPosition, SqlParams, timestampCursorSql, toConnection } from './page-reads';
import { nodeWithinSql } from './subtree-reads';

/** Which learnings a list shows; every given criterion must hold, absent or empty lists do not restrict. */
export interface LearningFilter {
  /** PostgreSQL web-search syntax over the summary. */
  readonly search?: string | null;
  readonly kind?: readonly LearningKind[] | null;
  readonly tagsAll?: readonly string[] | null;
  readonly tagsAny?: readonly string[] | null;
  /** Learnings linked to this experiment; unknown ids match nothing. */
  readonly experimentId?: string | null;
  /**
   * Set by the server, never by clients: the org node an API key is limited to. Only learnings
   * linked to at least one experiment owned inside its subtree match, and `experimentId` matches
   * nothing when that experiment lies outside (it does not exist for the key).
   */
  readonly withinNodeId?: string | null;
}

export interface LearningPageQuery {
  readonly filter: LearningFilter;
  readonly first: number;
  readonly after: CursorPosition | null;
}

/** Learnings are listed newest first; the cursor carries this order. */
export const LEARNING_ORDER = 'LEARNING:CREATED_AT:DESC';

function filterConditions(filter: LearningFilter, params: SqlParams): string[] {
  const conditions: string[] = [];
  const search = filter.search?.trim();
  if (search) conditions.push(`l.search @@ websearch_to_tsquery('english', ${params.add(search)})`);
  if (filter.kind?.length) conditions.push(`l.kind = ANY(${params.add(filter.kind)}::text[])`);
  if (filter.tagsAll?.length) conditions.push(`l.tags @> ${params.add(filter.tagsAll)}::text[]`);
  if (filter.tagsAny?.length) conditions.push(`l.tags && ${params.add(filter.tagsAny)}::text[]`);
  if (filter.withinNodeId != null) {
    const within = nodeWithinSql('wx.owner_node_id', `${params.add(filter.withinNodeId)}::uuid`);
    conditions.push(
      `EXISTS (SELECT 1 FROM learning_experiment wle JOIN experiment wx ON wx.id = wle.experiment_id WHERE wle.learning_id = l.id AND ${within})`,
    );
    if (filter.experimentId != null)
      conditions.push(
        `EXISTS (SELECT 1 FROM experiment wx WHERE wx.id = ${params.add(filter.experimentId)}::uuid AND ${within})`,
      );
  }
  if (filter.experimentId != null) {
    conditions.push(
      `EXISTS (SELECT 1 FROM learning_experiment fle WHERE fle.learning_id = l.id AND fle.experiment_id = ${params.add(filter.experimentId)}::uuid)`,
    );
  }
  return conditions;
}

const where = (conditions: readonly string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

/** The learning `id` as the caller's transaction sees it, after writing or locking it. @throws Error when there is none */
export function findWrittenLearning(db: Queryable, id: string): Promise<Learning> {
  return queryWrittenRow(db, learningRows, id);
}

/** One page of learnings, newest first (two statements: the page and the total count). */
export async function findLearningPage(
  dataSource: DataSource,
  query: LearningPageQuery,
): Promise<Connection<Learning>> {
  const params = new SqlParams();
  const conditions = filterConditions(query.filter, params);
  if (query.after) {
    const at = `${params.add(query.after.value)}::timestamptz`;
    conditions.push(`(l.created_at < ${at} OR (l.created_at = ${at} AND l.id < ${params.add(query.after.id)}::uuid))`);
  }
  const pageSql = `SELECT ${learningRows.columns('l')}, ${timestampCursorSql('l.created_at')} AS "cursorValue"
    FROM learning l ${where(conditions)} ORDER BY l.created_at DESC, l.id DESC LIMIT ${query.first + 1}`;
  const countParams = new SqlParams();
  const countSql = `SELECT count(*)::int AS n FROM learning l ${where(filterConditions(query.filter, countParams))}`;
  const [rows, [count]] = (await Promise.all([
    dataSource.query(pageSql, params.values),
    dataSource.query(countSql, countParams.values),
  ])) as [Array<Record<string, unknown>>, Array<{ n: number }>];
  const pageRows = rows.map((row) => ({
    node: learningRows.decode(row),
    cursorValue: row.cursorValue as string,
  }));
  return toConnection(pageRows, {
    first: query.first,
    order: LEARNING_ORDER,
    hasCursor: query.after !== null,
    totalCount: count!.n,
  });
}

/** Learnings linked to each given experiment, oldest first. */
export function findLearningsByExperimentIds(dataSource: DataSource, ids: readonly string[]) {
  return queryLinkedRows(
    dataSource,
    learningRows,
    `SELECT le.experiment_id AS "forId", ${learningRows.columns('l')}
       FROM learning_experiment le JOIN learning l ON l.id = le.learning_id
      WHERE le.experiment_id = ANY($1::uuid[]) ORDER BY l.created_at, l.id`,
    [ids],
  );
}

/** Learnings linked to each given hypothesis, oldest first. */
export function findLearningsByHypothesisIds(dataSource: DataSource, ids: readonly string[]) {
  return queryLinkedRows(
    dataSource,
    learningRows,
    `SELECT lh.hypothesis_id AS "forId", ${learningRows.columns('l')}
       FROM learning_hypothesis lh JOIN learning l ON l.id = lh.learning_id
      WHERE lh.hypothesis_id = ANY($1::uuid[]) ORDER BY l.created_at, l.id`,
    [ids],
  );
}

/** Experiments each given learning is linked to, by key. */
export function findExperimentsByLearningIds(dataSource: DataSource, ids: readonly string[]) {
  return queryLinkedRows(
    dataSource,
    experimentRows,
    `SELECT le.learning_id AS "forId", ${experimentRows.columns('e')}
       FROM learning_experiment le JOIN experiment e ON e.id = le.experiment_id
      WHERE le.learning_id = ANY($1::uuid[]) ORDER BY e.key, e.id`,
    [ids],
  );
}

/** Hypotheses each given learning is linked to, oldest first. */
export function findHypothesesByLearningIds(dataSource: DataSource, ids: readonly string[]) {
  return queryLinkedRows(
    dataSource,
    hypothesisRows,
    `SELECT lh.learning_id AS "forId", ${hypothesisRows.columns('h')}
       FROM learning_hypothesis lh JOIN hypothesis h ON h.id = lh.hypothesis_id
      WHERE lh.learning_id = ANY($1::uuid[]) ORDER BY h.created_at, h.id`,
    [ids],
  );
}
