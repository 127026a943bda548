import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type Context } from '../context';
import { Experiment } from '../types/experiment.type';
import { RecordResultsPayload } from '../types/record-results-payload.type';

/** Lets a script read the experiment (e.g. its new ewlCategory) right after recording results. */
@Resolver(() => RecordResultsPayload)
export class RecordResultsPayloadFieldsResolver {
  @FieldResolver(() => Experiment, {
    description: 'The experiment after the write (its stored classification is already updated).',
  })
  async experiment(@Root() payload: RecordResultsPayload, @Ctx() ctx: Context): Promise<d.Experiment> {
    const experiment = await ctx.loaders.experimentById.load(payload.experimentId);
    if (!experiment) throw new Error(`experiment ${payload.experimentId} vanished inside its own write`);
    return experiment;
  }
}
