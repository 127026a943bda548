import { type DataSource, type EntityManager } from 'typeorm';

type Queryable = DataSource | EntityManager;

/** Ids of a node and all its descendants: one lookup on the closure table's primary key. */
export async function findSubtreeNodeIds(db: Queryable, rootId: string): Promise<Set<string>> {
  const rows: { id: string }[] = await db.query(
    'SELECT descendant_id AS id FROM org_node_closure WHERE ancestor_id = $1',
    [rootId],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * SQL condition: the org node id `nodeSql` lies in the subtree of `rootSql` (the root included).
 * @example nodeWithinSql('e.owner_node_id', '$1::uuid')
 */
export function nodeWithinSql(nodeSql: string, rootSql: string): string {
  return `${nodeSql} IN (SELECT wc.descendant_id FROM org_node_closure wc WHERE wc.ancestor_id = ${rootSql})`;
}

/** Whether `nodeId` lies in the subtree of `rootId` (the root included); always true when `rootId` is null. */
export async function isNodeWithin(db: Queryable, nodeId: string, rootId: string | null): Promise<boolean> {
  if (rootId === null) return true;
  const rows: unknown[] = await db.query(
    'SELECT 1 FROM org_node_closure WHERE ancestor_id = $1 AND descendant_id = $2',
    [rootId, nodeId],
  );
  return rows.length > 0;
}

/** How many experiments a learning is linked to, and how many of them are owned inside the subtree of `rootId`. */
export async function countLearningLinksWithin(
  db: Queryable,
  learningId: string,
  rootId: string,
): Promise<{ total: number; inside: number }> {
  const [links] = (await db.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE ${nodeWithinSql('x.owner_node_id', '$2::uuid')})::int AS inside
       FROM learning_experiment le JOIN experiment x ON x.id = le.experiment_id WHERE le.learning_id = $1`,
    [learningId, rootId],
  )) as Array<{ total: number; inside: number }>;
  return links!;
}
