import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { handleCreateOrgNode, handleMoveOrgNode, handleUpdateOrgNode } from '../../app/org-node/org-node-commands';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
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
    return handleCreateOrgNode(commandContextOf(ctx), input, idempotencyKey);
  }

  @Mutation(() => OrgNode, { description: 'Renames or relabels an org node.' })
  updateOrgNode(
    @Arg('input', () => UpdateOrgNodeInput, { description: 'The changes.' }) input: UpdateOrgNodeInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<OrgNode> {
    return handleUpdateOrgNode(commandContextOf(ctx), input, idempotencyKey);
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
    return handleMoveOrgNode(commandContextOf(ctx), input, idempotencyKey);
  }
}
