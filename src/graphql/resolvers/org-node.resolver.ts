import { Args, Ctx, Extensions, Query, Resolver } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { findByLookup } from '../../db/queries/lookup-reads';
import { parseIdOrKey } from '../lookup-args';
import { findAllOrgNodes, findOrgNodeByKey } from '../../db/queries/org-node-reads';
import { IdOrKeyArgs } from '../args/id-or-key.args';
import { Cacheable } from '../cacheable';
import { type Context } from '../context';
import { listCost, ORG_TREE_LIST_SIZE } from '../operation-cost';
import { OrgNode } from '../types/org-node.type';

/** Root queries over the organisation tree. */
@Resolver(() => OrgNode)
export class OrgNodeResolver {
  @Cacheable()
  @Query(() => OrgNode, {
    nullable: true,
    description: 'One org node by id or key (exactly one of them); null when there is none.',
  })
  orgNode(@Args() args: IdOrKeyArgs, @Ctx() ctx: Context): Promise<d.OrgNode | null> {
    return findByLookup(parseIdOrKey(args), {
      byId: (id) => ctx.loaders.orgNodeById.load(id),
      byKey: (key) => findOrgNodeByKey(ctx.dataSource, key),
    });
  }

  @Cacheable()
  @Query(() => [OrgNode], {
    description:
      'The whole organisation tree, flat (each node has its parentId), ordered by key. The tree is visible to every reader, keys limited to an org node included (so they can place their subtree); statistics outside their subtree are not.',
  })
  @Extensions({ complexity: listCost(ORG_TREE_LIST_SIZE) })
  orgNodes(@Ctx() ctx: Context): Promise<d.OrgNode[]> {
    return findAllOrgNodes(ctx.dataSource);
  }
}
