import { type EntityManager } from 'typeorm';
import { isUuid } from '../../domain/rules/keys';
import { isNodeWithin, nodeWithinSql } from './subtree-reads';

/** The kinds of entity a stored mutation response can show that an org subtree bounds. */
export type ShownType = 'experiment' | 'hypothesis' | 'learning' | 'org_node';

/** An entity by id, or (experiments only: keys never change) by key. */
export type ShownRef = { readonly id: string } | { readonly key: string };

const WITHIN = nodeWithinSql('e.owner_node_id', '$2::uuid');

/**
 * Whether the entity lies inside the subtree of `rootId` now, as the read paths decide it: an
 * experiment by its owner, a hypothesis by its experiment, a learning when linked to at least one
 * experiment inside, an org node when it is the root or below it. One statement.
 */
export async function isShownWithin(
  m: EntityManager,
  type: ShownType,
  ref: ShownRef,
  rootId: string,
): Promise<boolean> {
  if ('id' in ref && !isUuid(ref.id)) return false;
  const value = 'id' in ref ? ref.id : ref.key;
  let rows: unknown[];
  switch (type) {
    case 'experiment':
      rows = await m.query(
        `SELECT 1 FROM experiment e WHERE ${'id' in ref ? 'e.id = $1::uuid' : 'e.key = $1'} AND ${WITHIN}`,
        [value, rootId],
      );
      break;
    case 'hypothesis':
      rows = await m.query(
        `SELECT 1 FROM hypothesis h JOIN experiment e ON e.id = h.experiment_id WHERE h.id = $1::uuid AND ${WITHIN}`,
        [value, rootId],
      );
      break;
    case 'learning':
      rows = await m.query(
        `SELECT 1 FROM learning_experiment le JOIN experiment e ON e.id = le.experiment_id
          WHERE le.learning_id = $1::uuid AND ${WITHIN} LIMIT 1`,
        [value, rootId],
      );
      break;
    case 'org_node':
      return 'id' in ref && isNodeWithin(m, ref.id, rootId);
  }
  return rows.length > 0;
}
