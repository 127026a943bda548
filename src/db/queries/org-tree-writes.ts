import { type EntityManager } from 'typeorm';

// SQL that maintains the closure table `org_node_closure` (one row per ancestor/descendant pair,
// depth 0 for the node itself). Every function runs on the caller's transaction manager.

/**
 * Serialises writes to the tree: two concurrent moves could otherwise each pass the cycle check
 * and together create a cycle. Readers are not blocked (EXCLUSIVE allows ACCESS SHARE).
 */
export async function lockOrgTree(m: EntityManager): Promise<void> {
  await m.query('LOCK TABLE org_node_closure IN EXCLUSIVE MODE');
}

/**
 * Inserts the closure rows of a new leaf: its self row (depth 0) and one row per ancestor of
 * `parentId` (depth + 1). Also used by seed code that inserts nodes top-down.
 */
export async function insertClosureRows(m: EntityManager, nodeId: string, parentId: string | null): Promise<void> {
  await m.query(
    `INSERT INTO org_node_closure (ancestor_id, descendant_id, depth)
     SELECT $1::uuid, $1::uuid, 0
     UNION ALL
     SELECT ancestor_id, $1::uuid, depth + 1 FROM org_node_closure WHERE $2::uuid IS NOT NULL AND descendant_id = $2::uuid`,
    [nodeId, parentId],
  );
}

/** True when `candidateId` is `nodeId` itself or one of its descendants. */
export async function isInSubtree(m: EntityManager, nodeId: string, candidateId: string): Promise<boolean> {
  const rows: unknown[] = await m.query(
    'SELECT 1 FROM org_node_closure WHERE ancestor_id = $1 AND descendant_id = $2',
    [nodeId, candidateId],
  );
  return rows.length > 0;
}

/**
 * Re-parents the subtree rooted at `nodeId` under `newParentId` (null: make it a root) in the
 * closure table: the links from the node's old (proper) ancestors to every node of the subtree are
 * deleted, then the cross product of the new parent's ancestors (self included) and the subtree is
 * inserted with depth = depth(ancestor -> new parent) + 1 + depth(node -> descendant). Links inside
 * the subtree are untouched. The caller checks for cycles first (isInSubtree).
 */
export async function moveSubtreeClosure(m: EntityManager, nodeId: string, newParentId: string | null): Promise<void> {
  await m.query(
    `DELETE FROM org_node_closure
      WHERE descendant_id IN (SELECT descendant_id FROM org_node_closure WHERE ancestor_id = $1)
        AND ancestor_id IN (SELECT ancestor_id FROM org_node_closure WHERE descendant_id = $1 AND depth > 0)`,
    [nodeId],
  );
  if (newParentId === null) return;
  await m.query(
    `INSERT INTO org_node_closure (ancestor_id, descendant_id, depth)
     SELECT above.ancestor_id, below.descendant_id, above.depth + below.depth + 1
       FROM org_node_closure above CROSS JOIN org_node_closure below
      WHERE above.descendant_id = $2 AND below.ancestor_id = $1`,
    [nodeId, newParentId],
  );
}
