import { type DataSource } from 'typeorm';
import { type OrgNode } from '../../domain/experiment';
import { type Queryable, queryLinkedRows, queryRows, queryWrittenRow } from '../rows/table-rows';
import { orgNodeRows } from '../rows/tables';

/**
 * The whole organisation tree, flat (each node carries its parentId), ordered by key. The heat map
 * (`orgNodes { stats }`) reads all 1,000+ nodes per request, so rows are decoded by the compiled
 * row mapping rather than hydrated as TypeORM entities (BENCHMARKS.md, Q4).
 */
export function findAllOrgNodes(dataSource: DataSource): Promise<OrgNode[]> {
  return queryRows(dataSource, orgNodeRows, `SELECT ${orgNodeRows.columns()} FROM org_node ORDER BY key`, []);
}

/** Org nodes by id, in no particular order. */
export function findOrgNodesByIds(dataSource: DataSource, ids: readonly string[]): Promise<OrgNode[]> {
  return queryRows(
    dataSource,
    orgNodeRows,
    `SELECT ${orgNodeRows.columns()} FROM org_node WHERE id = ANY($1::uuid[])`,
    [[...ids]],
  );
}

/** The org node with this key, or null. */
export async function findOrgNodeByKey(dataSource: DataSource, key: string): Promise<OrgNode | null> {
  const [node] = await queryRows(
    dataSource,
    orgNodeRows,
    `SELECT ${orgNodeRows.columns()} FROM org_node WHERE key = $1`,
    [key],
  );
  return node ?? null;
}

/** Direct children of the given nodes, ordered by key. */
export function findOrgNodesByParentIds(dataSource: DataSource, ids: readonly string[]): Promise<OrgNode[]> {
  return queryRows(
    dataSource,
    orgNodeRows,
    `SELECT ${orgNodeRows.columns()} FROM org_node WHERE parent_id = ANY($1::uuid[]) ORDER BY key`,
    [[...ids]],
  );
}

/**
 * Ancestors of each given node (not the node itself), root first: one indexed lookup on the
 * closure table (`org_node_closure_descendant_idx`).
 */
export function findOrgNodeAncestorsByNodeIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<Array<{ forId: string; entity: OrgNode }>> {
  return queryLinkedRows(
    dataSource,
    orgNodeRows,
    `SELECT c.descendant_id AS "forId", ${orgNodeRows.columns('n')}
       FROM org_node_closure c JOIN org_node n ON n.id = c.ancestor_id
      WHERE c.descendant_id = ANY($1::uuid[]) AND c.depth > 0
      ORDER BY c.descendant_id, c.depth DESC`,
    [ids],
  );
}

/** The org node `id` as the caller's transaction sees it, after writing or locking it. @throws Error when there is none */
export function findWrittenOrgNode(db: Queryable, id: string): Promise<OrgNode> {
  return queryWrittenRow(db, orgNodeRows, id);
}
