import { badInput } from '../../domain/errors';
import { validateKey } from '../../domain/rules/keys';
import type { OrgNode } from '../../domain/experiment';
import { OrgNodeEntity } from '../../db/entities';
import { findWrittenOrgNode } from '../../db/queries/org-node-reads';
import { orgNodeRows } from '../../db/rows/tables';
import { insertClosureRows, isInSubtree, lockOrgTree, moveSubtreeClosure } from '../../db/queries/org-tree-writes';
import { bumpVersion } from '../../db/queries/version-writes';
import { TEXT_LIMITS } from '../../domain/rules/field-limits';
import { validateText } from '../../domain/rules/text-fields';
import { assertKeyFree, findByIdForWrite, findOrgNodeForWrite } from '../../db/queries/reference-writes';
import { type WriteContext } from '../write-context';

export interface CreateOrgNodeCommand {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly parentId?: string | null;
  readonly parentKey?: string | null;
}

export interface UpdateOrgNodeCommand {
  /** Optimistic concurrency: refuse (CONFLICT VERSION_MISMATCH) unless the record still has this version. */
  readonly expectedVersion?: number | null;
  readonly id: string;
  readonly name?: string | null;
  readonly kind?: string | null;
}

export interface MoveOrgNodeCommand {
  /** Optimistic concurrency: refuse (CONFLICT VERSION_MISMATCH) unless the record still has this version. */
  readonly expectedVersion?: number | null;
  readonly id: string;
  readonly newParentId?: string | null;
}

/** Creates a node (a root when no parent is given) with its closure rows. */
export async function createOrgNode(w: WriteContext, input: CreateOrgNodeCommand): Promise<OrgNode> {
  const { m, now } = w;
  const key = validateKey('input.key', input.key);
  const name = validateText('input.name', input.name, TEXT_LIMITS.orgNode.name);
  const kind = validateText('input.kind', input.kind, TEXT_LIMITS.orgNode.kind);
  await lockOrgTree(m);
  const parent =
    input.parentId != null || input.parentKey != null
      ? await findOrgNodeForWrite(
          m,
          { id: 'input.parentId', key: 'input.parentKey' },
          { id: input.parentId, key: input.parentKey },
        )
      : null;
  await w.subtree.assertNodeInside(m, parent, input.parentKey != null ? 'input.parentKey' : 'input.parentId');
  await assertKeyFree(m, 'org_node', 'org node', 'input.key', key);
  const { identifiers } = await m.insert(OrgNodeEntity, {
    key,
    name,
    kind,
    parentId: parent?.id ?? null,
    createdAt: now,
    updatedAt: now,
  });
  const id = identifiers[0]!.id as string;
  await insertClosureRows(m, id, parent?.id ?? null);
  return findWrittenOrgNode(m, id);
}

/** Renames or relabels a node; bumps its version. */
export async function updateOrgNode(w: WriteContext, input: UpdateOrgNodeCommand): Promise<OrgNode> {
  const { m, now } = w;
  const node = await findByIdForWrite(m, orgNodeRows, 'org node', 'input.id', input.id, true);
  await w.subtree.assertNodeInside(m, node, 'input.id');
  await bumpVersion(m, 'org_node', node.id, input.expectedVersion);
  const name = input.name != null ? validateText('input.name', input.name, TEXT_LIMITS.orgNode.name) : node.name;
  const kind = input.kind != null ? validateText('input.kind', input.kind, TEXT_LIMITS.orgNode.kind) : node.kind;
  await m.update(OrgNodeEntity, { id: node.id }, { name, kind, updatedAt: now });
  return findWrittenOrgNode(m, node.id);
}

/**
 * Moves a node and its whole subtree under `newParentId` (null: the node becomes a root).
 * @throws DomainError BAD_USER_INPUT, reason ORG_CYCLE, when the new parent is the node or one of its descendants.
 */
export async function moveOrgNode(w: WriteContext, input: MoveOrgNodeCommand): Promise<OrgNode> {
  const { m, now } = w;
  await lockOrgTree(m);
  const node = await findByIdForWrite(m, orgNodeRows, 'org node', 'input.id', input.id, true);
  await w.subtree.assertNodeInside(m, node, 'input.id');
  await bumpVersion(m, 'org_node', node.id, input.expectedVersion);
  const newParentId = input.newParentId ?? null;
  if (newParentId === null) await w.subtree.assertNodeInside(m, null, 'input.newParentId');
  if (newParentId !== null) {
    await w.subtree.assertNodeInside(
      m,
      await findByIdForWrite(m, orgNodeRows, 'org node', 'input.newParentId', newParentId),
      'input.newParentId',
    );
    if (await isInSubtree(m, node.id, newParentId)) {
      const what = newParentId === node.id ? 'the node itself' : 'one of its descendants';
      throw badInput(
        'input.newParentId',
        newParentId,
        `a node outside the subtree of ${node.key} (it is ${what}, which would create a cycle)`,
        'ORG_CYCLE',
      );
    }
  }
  await moveSubtreeClosure(m, node.id, newParentId);
  await m.update(OrgNodeEntity, { id: node.id }, { parentId: newParentId, updatedAt: now });
  return findWrittenOrgNode(m, node.id);
}
