import { type GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type AuditEntityType } from '../../db/queries/audit-writes';
import { type AuditPage, findAuditPage } from '../../db/queries/audit-reads';
import { AuditLogArgs, AuditPageArgs } from '../args/audit.args';
import { type Context } from '../context';
import { AuditEntryConnection } from '../types/audit.type';
import { Experiment } from '../types/experiment.type';
import { oncePerField } from '../selection';

function toConnection(page: AuditPage, after: string | null | undefined): AuditEntryConnection {
  const edges = page.records.map((record) => ({ cursor: page.cursorOf(record), node: record }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** The audit log (issue #5 §3): every write, with who, when, the operation and the entity before and after. */
@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The audit log, newest first (admin scope).' })
  async auditLog(@Args() args: AuditLogArgs, @Ctx() ctx: Context): Promise<AuditEntryConnection> {
    const f = args.filter ?? {};
    const page = await findAuditPage(ctx.dataSource, { ...f, entityType: (f.entityType ?? null) as AuditEntityType | null }, args.first, args.after ?? null);
    return toConnection(page, args.after);
  }
}

/** Experiment.history: the audit entries about one experiment. */
@Resolver(() => Experiment)
export class ExperimentHistoryFieldsResolver {
  @FieldResolver(() => AuditEntryConnection, {
    description: 'Every write about this experiment (results, decisions, transitions, edits, hypotheses ...), newest first, with who wrote and the state before and after.',
  })
  async history(@Root() experiment: d.Experiment, @Args() args: AuditPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<AuditEntryConnection> {
    const query = oncePerField(ctx, info, () => ({ first: args.first, after: args.after ?? null }));
    return toConnection(await ctx.loaders.experimentHistoryByExperimentId.load({ nodeId: experiment.id, query }), args.after);
  }
}
