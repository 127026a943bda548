import { Ctx, Mutation, Resolver } from 'type-graphql';
import { handleReclassifyExperiments } from '../../app/reclassify/reclassify-commands';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
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
    const outcome = await handleReclassifyExperiments(commandContextOf(ctx));
    return { experiments: outcome.experiments, moves: [...outcome.moves] };
  }
}
