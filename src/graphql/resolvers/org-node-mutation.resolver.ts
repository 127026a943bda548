import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { createOrgNode, moveOrgNode, updateOrgNode } from '../../app/org-node/org-node-writes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { catalogueRef, runCommand } from '../../app/run-command';
import { showsOrgNode } from '../../app/replay-visibility';
import { CreateOrgNodeInput, MoveOrgNodeInput, UpdateOrgNodeInput } from '../inputs/org-node.input';
import { OrgNode } from '../types/org-node.type';

/** Organisation tree writes; each mutation is one transaction (closure table included). */
@Resolver()
export class OrgNodeMutationResolver {
  @Mutation(() => OrgNode, {
    description: 'Creates an org node (a root when no parent is given). Duplicate key: CONFLICT DUPLICATE_KEY.',
  })
  createOrgNode(
    @Arg('input', () => CreateOrgNodeInput, { description: 'The new node.' }) input: CreateOrgNodeInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<OrgNode> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'createOrgNode',
        args: { input },
        idempotencyKey,
        after: (r) => ({ type: 'org_node', id: r.id, experimentId: null }),
        shows: showsOrgNode(),
      },
      (m) => createOrgNode(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }

  @Mutation(() => OrgNode, { description: 'Renames or relabels an org node.' })
  updateOrgNode(
    @Arg('input', () => UpdateOrgNodeInput, { description: 'The changes.' }) input: UpdateOrgNodeInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<OrgNode> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'updateOrgNode',
        args: { input },
        idempotencyKey,
        before: catalogueRef('org_node', { id: input.id }),
        shows: showsOrgNode('input.id'),
      },
      (m) => updateOrgNode(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }

  @Mutation(() => OrgNode, {
    description:
      'Moves a node with its subtree under a new parent (null: makes it a root). Moving under itself or a descendant: BAD_USER_INPUT ORG_CYCLE.',
  })
  moveOrgNode(
    @Arg('input', () => MoveOrgNodeInput, { description: 'The move.' }) input: MoveOrgNodeInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<OrgNode> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'moveOrgNode',
        args: { input },
        idempotencyKey,
        before: catalogueRef('org_node', { id: input.id }),
        shows: showsOrgNode('input.id'),
      },
      (m) => moveOrgNode(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }
}
