import { type GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Info, Query, Resolver } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { findExperimentPage } from '../../db/queries/experiment-page-reads';
import { parseExperimentPageArgs } from '../page-args';
import { findExperimentByKey } from '../../db/queries/experiment-reads';
import { findByLookup } from '../../db/queries/lookup-reads';
import { parseIdOrKey } from '../lookup-args';
import { type Connection } from '../../db/queries/page-reads';
import { ExperimentsArgs } from '../args/experiments.args';
import { badInput } from '../../domain/errors';
import { ExperimentLookupArgs } from '../args/experiment-lookup.args';
import { type AsOfExperiment } from '../as-of';
import { type Context } from '../context';
import { ExperimentConnection } from '../types/connection.type';
import { Experiment } from '../types/experiment.type';
import { selectsChildField } from '../selection';
import { preloadExperimentRelations, readExperimentByKeyAhead, withExperimentRelations } from '../experiment-relations';

/** Root queries over experiments. */
@Resolver(() => Experiment)
export class ExperimentResolver {
  @Query(() => Experiment, {
    nullable: true,
    description:
      'One experiment by id or key (exactly one of them); null when there is none, or when it lies outside the org subtree the API key is limited to. With asOf: its decisions and classification as they stood then.',
  })
  async experiment(
    @Args() args: ExperimentLookupArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AsOfExperiment | null> {
    const asOf = args.asOf ?? null;
    if (asOf !== null && asOf.getTime() > ctx.now.getTime())
      throw badInput('asOf', asOf, `an instant not after now (${ctx.now.toISOString()})`);
    const lookup = parseIdOrKey(args);
    // By key, the relations the selection asks for come in the same statement (one round trip).
    const ahead = lookup.by === 'KEY' ? await readExperimentByKeyAhead(ctx, info, lookup.key, asOf) : undefined;
    const experiment =
      ahead !== undefined
        ? ahead.experiment
        : await findByLookup(lookup, {
            byId: (id) => ctx.loaders.experimentById.load(id),
            byKey: (key) => findExperimentByKey(ctx.dataSource, key),
          });
    // Outside the key's subtree an experiment does not exist (README "Access").
    if (experiment === null || !(await ctx.access.isExperimentVisible(experiment))) return null;
    if (asOf !== null && experiment.createdAt.getTime() > asOf.getTime()) return null;
    const read = asOf === null ? experiment : { ...experiment, asOf };
    if (ahead !== undefined) ahead.prime();
    else await preloadExperimentRelations(ctx, info, [], [read]);
    return read;
  }

  @Query(() => ExperimentConnection, {
    description:
      'Experiments matching the filter, as a Relay connection (keyset pagination: pass pageInfo.endCursor as after). A key limited to an org node lists only experiments owned in its subtree.',
  })
  async experiments(
    @Args() args: ExperimentsArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<d.Experiment>> {
    const page = await findExperimentPage(ctx.dataSource, ctx.access.restrictQuery(parseExperimentPageArgs(args)), {
      withTotalCount: selectsChildField(info, 'totalCount'),
    });
    return withExperimentRelations(ctx, info, page);
  }
}
