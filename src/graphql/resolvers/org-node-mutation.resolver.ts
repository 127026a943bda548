import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { createOrgNode, moveOrgNode, updateOrgNode } from '../../db/queries/org-node-writes';
import { type Context } from '../context';
import { CreateOrgNodeInput, MoveOrgNodeInput, UpdateOrgNodeInput } from '../inputs/org-node.input';
import { OrgNode } from '../types/org-node.type';

/** Organisation tree writes; each mutation is one transaction (closure table included). */
@Resolver()
export class OrgNodeMutationResolver {
  @Mutation(() => OrgNode, { description: 'Creates an org node (a root when no parent is given). Duplicate key: CONFLICT DUPLICATE_KEY.' })
  createOrgNode(@Arg('input', () => CreateOrgNodeInput, { description: 'The new node.' }) input: CreateOrgNodeInput, @Ctx() ctx: Context): Promise<OrgNode> {
    return ctx.dataSource.transaction((m) => createOrgNode(m, input, ctx.now));
  }

  @Mutation(() => OrgNode, { description: 'Renames or relabels an org node.' })
  updateOrgNode(@Arg('input', () => UpdateOrgNodeInput, { description: 'The changes.' }) input: UpdateOrgNodeInput, @Ctx() ctx: Context): Promise<OrgNode> {
    return ctx.dataSource.transaction((m) => updateOrgNode(m, input, ctx.now));
  }

  @Mutation(() => OrgNode, { description: 'Moves a node with its subtree under a new parent (null: makes it a root). Moving under itself or a descendant: BAD_USER_INPUT ORG_CYCLE.' })
  moveOrgNode(@Arg('input', () => MoveOrgNodeInput, { description: 'The move.' }) input: MoveOrgNodeInput, @Ctx() ctx: Context): Promise<OrgNode> {
    return ctx.dataSource.transaction((m) => moveOrgNode(m, input, ctx.now));
  }
}
