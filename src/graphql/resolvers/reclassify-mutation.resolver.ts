import { Ctx, Mutation, Resolver } from 'type-graphql';
import { reclassifyExperiments } from '../../app/reclassify/reclassify';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { runCommand } from '../../app/run-command';
import { showsNothing } from '../../app/replay-visibility';
import { ReclassifyExperimentsPayload } from '../types/api-key.type';

/** Admin maintenance. */
@Resolver()
export class ReclassifyMutationResolver {
  @Mutation(() => ReclassifyExperimentsPayload, {
    description:
      'Recomputes every stored classification under the current ruleset, like npm run reclassify (admin). Runs in transactions of 2,000 ' +
      'experiments: each batch is recomputed from the stored data, so a failure leaves every row either as it was or correct.',
  })
  async reclassifyExperiments(@Ctx() ctx: Context): Promise<ReclassifyExperimentsPayload> {
    const summary = await reclassifyExperiments(ctx.dataSource, { now: ctx.now });
    const payload = {
      experiments: summary.experiments,
      moves: summary.moves.map((m) => ({ from: m.from, to: m.to, count: m.count })),
    };
    // The batches commit on their own; the audit row records the whole run once it is done.
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'reclassifyExperiments',
        args: {},
        after: (r) => ({ type: 'catalogue', id: null, experimentId: null, state: r }),
        shows: showsNothing,
      },
      async () => payload,
    );
  }
}
