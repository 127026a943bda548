import { type GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { parseExperimentPageArgs } from '../page-args';
import { type Connection } from '../../db/queries/page-reads';
import { ExperimentsArgs } from '../args/experiments.args';
import { Cacheable } from '../cacheable';
import { type Context } from '../context';
import { ExperimentConnection } from '../types/connection.type';
import { OrgNode } from '../types/org-node.type';
import { selectsChildField } from '../selection';
import { withExperimentRelations } from '../experiment-relations';

/** Relations of OrgNode, all through per-request DataLoaders. */
@Resolver(() => OrgNode)
export class OrgNodeFieldsResolver {
  @Cacheable()
  @FieldResolver(() => OrgNode, { nullable: true, description: 'The parent node; null for a root.' })
  parent(@Root() node: d.OrgNode, @Ctx() ctx: Context): Promise<d.OrgNode | null> | null {
    return node.parentId ? ctx.loaders.orgNodeById.load(node.parentId) : null;
  }

  @Cacheable()
  @FieldResolver(() => [OrgNode], { description: 'Direct children, ordered by key.' })
  children(@Root() node: d.OrgNode, @Ctx() ctx: Context): Promise<d.OrgNode[]> {
    return ctx.loaders.orgNodesByParentId.load(node.id);
  }

  @Cacheable()
  @FieldResolver(() => [OrgNode], {
    description: 'Ancestors from the root down to the parent (the node itself excluded).',
  })
  ancestors(@Root() node: d.OrgNode, @Ctx() ctx: Context): Promise<d.OrgNode[]> {
    return ctx.loaders.orgNodeAncestorsByNodeId.load(node.id);
  }

  @FieldResolver(() => ExperimentConnection, {
    description:
      'Experiments owned by this node, by default including its whole subtree (filter.includeDescendants: false for the node only). ' +
      'Same filter, order and paging as Query.experiments; an owner in the filter restricts further. A key limited to an org node sees only experiments owned in its subtree (on an ancestor: those of its own subtree; beside it: none).',
  })
  async experiments(
    @Root() node: d.OrgNode,
    @Args() args: ExperimentsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<d.Experiment>> {
    const page = await ctx.loaders.experimentPagesByOwnerNodeId.load({
      nodeId: node.id,
      query: ctx.access.restrictQuery(parseExperimentPageArgs(args)),
      withTotalCount: selectsChildField(info, 'totalCount'),
    });
    return withExperimentRelations(ctx, info, page);
  }
}
