import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type OrgNode } from '../../domain/experiment';
import { findOrgNodesByIds } from '../../db/queries/org-node-reads';
import { oneByKey } from './batch';

/** OrgNode by id (OrgNode.parent, Experiment.owner, orgNode(id)); null when missing. */
export function createOrgNodeByIdLoader(dataSource: DataSource) {
  return new DataLoader<string, OrgNode | null>(async (ids) =>
    oneByKey(ids, await findOrgNodesByIds(dataSource, ids), (n) => n.id),
  );
}
