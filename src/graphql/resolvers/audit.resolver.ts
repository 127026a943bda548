import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type AuditPage, type AuditRecord, findAuditPage } from '../../db/queries/audit-reads';
import { auditEntryFor, mayReadHistory, restartOfIdIn } from '../../domain/audit-visibility';
import { AuditLogArgs, AuditPageArgs } from '../args/audit.args';
import { type Context } from '../context';
import { AuditEntryConnection } from '../types/audit.type';
import { Experiment } from '../types/experiment.type';
import { parseAuditLogArgs, parseAuditPageArgs } from '../audit-args';

function toConnection(
  page: AuditPage,
  after: string | null | undefined,
  view: (record: AuditRecord) => AuditRecord = (r) => r,
): AuditEntryConnection {
  const edges = page.records.map((record) => ({ cursor: page.cursorOf(record), node: view(record) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The runs restarted in the entries' experiment snapshots that lie outside the key's org subtree (none without a limit). */
async function runsOutside(ctx: Context, records: readonly AuditRecord[]): Promise<ReadonlySet<string>> {
  if (ctx.access.subtreeRootId === null) return new Set();
  const named = records.flatMap((r) => [restartOfIdIn(r.before), restartOfIdIn(r.after)]);
  const runs = [...new Set(named.filter((id): id is string => id !== null))];
  const visible = await Promise.all(runs.map((id) => ctx.access.visibleOrNull(ctx.loaders.experimentById.load(id))));
  return new Set(runs.filter((_, i) => visible[i] === null));
}

/** The audit log (README "Safe writes"): every write, with who, when, the operation and the entity before and after. */
@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'The audit log, newest first (admin scope).' })
  async auditLog(@Args() args: AuditLogArgs, @Ctx() ctx: Context): Promise<AuditEntryConnection> {
    const query = parseAuditLogArgs(args);
    const page = await findAuditPage(ctx.dataSource, query.filter, query.first, query.after);
    return toConnection(page, args.after);
  }
}

/** Experiment.history: the audit entries about one experiment. */
@Resolver(() => Experiment)
export class ExperimentHistoryFieldsResolver {
  @FieldResolver(() => AuditEntryConnection, {
    nullable: true,
    description:
      'Every write about this experiment (results, decisions, transitions, edits, hypotheses ...), newest first, ' +
      'with who wrote and the state before and after. Null for anonymous callers. Without the admin scope, ' +
      'entries written by another API key show neither its name nor its idempotency key (null).',
  })
  async history(
    @Root() experiment: d.Experiment,
    @Args() args: AuditPageArgs,
    @Ctx() ctx: Context,
  ): Promise<AuditEntryConnection | null> {
    if (!mayReadHistory(ctx.principal)) return null;
    const query = parseAuditPageArgs(args);
    const page = await ctx.loaders.experimentHistoryByExperimentId.load({ nodeId: experiment.id, query });
    const hiddenRuns = await runsOutside(ctx, page.records);
    return toConnection(page, args.after, (record) => auditEntryFor(ctx.principal, record, hiddenRuns));
  }
}
