import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { findExperimentPage, parseExperimentPageArgs } from '../../db/queries/experiment-page-reads';
import { findExperimentByKey } from '../../db/queries/experiment-reads';
import { findByLookup, parseIdOrKey } from '../../db/queries/lookup-reads';
import { type Connection } from '../../db/queries/page-reads';
import { ExperimentsArgs } from '../args/experiments.args';
import { IdOrKeyArgs } from '../args/id-or-key.args';
import { type Context } from '../context';
import { ExperimentConnection } from '../types/connection.type';
import { Experiment } from '../types/experiment.type';

/** Root queries over experiments. */
@Resolver(() => Experiment)
export class ExperimentResolver {
  @Query(() => Experiment, { nullable: true, description: 'One experiment by id or key (exactly one of them); null when there is none.' })
  experiment(@Args() args: IdOrKeyArgs, @Ctx() ctx: Context): Promise<d.Experiment | null> {
    return findByLookup(parseIdOrKey(args), {
      byId: (id) => ctx.loaders.experimentById.load(id),
      byKey: (key) => findExperimentByKey(ctx.dataSource, key),
    });
  }

  @Query(() => ExperimentConnection, {
    description: 'Experiments matching the filter, as a Relay connection (keyset pagination: pass pageInfo.endCursor as after).',
  })
  experiments(@Args() args: ExperimentsArgs, @Ctx() ctx: Context): Promise<Connection<d.Experiment>> {
    return findExperimentPage(ctx.dataSource, parseExperimentPageArgs(args));
  }
}
