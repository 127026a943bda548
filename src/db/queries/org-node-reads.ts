import { type DataSource, In } from 'typeorm';
import { type OrgNode } from '../../domain/experiment';
import { OrgNodeEntity } from '../entities';
import { queryLinkedEntities, selectColumns } from './entity-rows-reads';

/** The columns of an OrgNode under their domain names (raw reads skip TypeORM's query building and hydration). */
const ORG_NODE_COLUMNS = `id, key, name, kind, parent_id AS "parentId", created_at AS "createdAt", updated_at AS "updatedAt", version`;

/**
 * The whole organisation tree, flat (each node carries its parentId), ordered by key. Raw SQL: the
 * heat map (`orgNodes { stats }`) reads all 1,000+ nodes per request, and TypeORM's entity
 * hydration of them was a measurable part of it (BENCHMARKS.md, Q4).
 */
export function findAllOrgNodes(dataSource: DataSource): Promise<OrgNode[]> {
  return dataSource.query(`SELECT ${ORG_NODE_COLUMNS} FROM org_node ORDER BY key`);
}

/** Org nodes by id, in no particular order. */
export function findOrgNodesByIds(dataSource: DataSource, ids: readonly string[]): Promise<OrgNode[]> {
  return dataSource.manager.find(OrgNodeEntity, { where: { id: In([...ids]) } });
}

/** The org node with this key, or null. */
export function findOrgNodeByKey(dataSource: DataSource, key: string): Promise<OrgNode | null> {
  return dataSource.manager.findOne(OrgNodeEntity, { where: { key } });
}

/** Direct children of the given nodes, ordered by key. */
export function findOrgNodesByParentIds(dataSource: DataSource, ids: readonly string[]): Promise<OrgNode[]> {
  return dataSource.query(`SELECT ${ORG_NODE_COLUMNS} FROM org_node WHERE parent_id = ANY($1::uuid[]) ORDER BY key`, [
    [...ids],
  ]);
}

/**
 * Ancestors of each given node (not the node itself), root first: one indexed lookup on the
 * closure table (`org_node_closure_descendant_idx`).
 */
export function findOrgNodeAncestorsByNodeIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<Array<{ forId: string; entity: OrgNode }>> {
  return queryLinkedEntities(
    dataSource,
    OrgNodeEntity,
    `SELECT c.descendant_id AS "forId", ${selectColumns(dataSource, OrgNodeEntity, 'n')}
       FROM org_node_closure c JOIN org_node n ON n.id = c.ancestor_id
      WHERE c.descendant_id = ANY($1::uuid[]) AND c.depth > 0
      ORDER BY c.descendant_id, c.depth DESC`,
    [ids],
  );
}
