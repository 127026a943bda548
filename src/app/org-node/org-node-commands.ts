import { type CommandContext } from '../command-context';
import { showsOrgNode } from '../replay-visibility';
import { catalogueRef, runCommand } from '../run-command';
import {
  type CreateOrgNodeCommand,
  type MoveOrgNodeCommand,
  type UpdateOrgNodeCommand,
  createOrgNode,
  moveOrgNode,
  updateOrgNode,
} from './org-node-writes';

/** createOrgNode: one transaction with its audit row and idempotency key (see runCommand). */
export function handleCreateOrgNode(ctx: CommandContext, input: CreateOrgNodeCommand, idempotencyKey?: string | null) {
  return runCommand<Awaited<ReturnType<typeof createOrgNode>>>(
    ctx,
    {
      operation: 'createOrgNode',
      args: { input },
      idempotencyKey,
      after: (r) => ({ type: 'org_node', id: r.id, experimentId: null }),
      shows: showsOrgNode(),
    },
    (w) => createOrgNode(w, input),
  );
}

/** updateOrgNode: one transaction with its audit row and idempotency key (see runCommand). */
export function handleUpdateOrgNode(ctx: CommandContext, input: UpdateOrgNodeCommand, idempotencyKey?: string | null) {
  return runCommand<Awaited<ReturnType<typeof updateOrgNode>>>(
    ctx,
    {
      operation: 'updateOrgNode',
      args: { input },
      idempotencyKey,
      before: catalogueRef('org_node', { id: input.id }),
      shows: showsOrgNode('input.id'),
    },
    (w) => updateOrgNode(w, input),
  );
}

/** moveOrgNode: one transaction with its audit row and idempotency key (see runCommand). */
export function handleMoveOrgNode(ctx: CommandContext, input: MoveOrgNodeCommand, idempotencyKey?: string | null) {
  return runCommand<Awaited<ReturnType<typeof moveOrgNode>>>(
    ctx,
    {
      operation: 'moveOrgNode',
      args: { input },
      idempotencyKey,
      before: catalogueRef('org_node', { id: input.id }),
      shows: showsOrgNode('input.id'),
    },
    (w) => moveOrgNode(w, input),
  );
}
