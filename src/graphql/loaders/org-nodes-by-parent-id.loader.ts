import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type OrgNode } from '../../domain/experiment';
import { findOrgNodesByParentIds } from '../../db/queries/org-node-reads';
import { manyByKey } from './batch';

/** Direct children of an org node (OrgNode.children), ordered by key. */
export function createOrgNodesByParentIdLoader(dataSource: DataSource) {
  return new DataLoader<string, OrgNode[]>(async (ids) =>
    manyByKey(ids, await findOrgNodesByParentIds(dataSource, ids), (n) => n.parentId ?? ''),
  );
}
