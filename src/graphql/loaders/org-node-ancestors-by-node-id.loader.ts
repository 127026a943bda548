import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type OrgNode } from '../../domain/experiment';
import { findOrgNodeAncestorsByNodeIds } from '../../db/queries/org-node-reads';
import { linkedByKey } from './batch';

/** Ancestors of an org node, root first, excluding the node (OrgNode.ancestors). */
export function createOrgNodeAncestorsByNodeIdLoader(dataSource: DataSource) {
  return new DataLoader<string, OrgNode[]>(async (ids) =>
    linkedByKey(ids, await findOrgNodeAncestorsByNodeIds(dataSource, ids)),
  );
}
