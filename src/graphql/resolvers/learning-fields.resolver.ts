import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type Context } from '../context';
import { Experiment, Hypothesis } from '../types/experiment.type';
import { Learning } from '../types/record.type';

/** Relations of Learning, through per-request DataLoaders. */
@Resolver(() => Learning)
export class LearningFieldsResolver {
  @FieldResolver(() => [Experiment], { description: 'Experiments this learning comes from, by key.' })
  experiments(@Root() learning: d.Learning, @Ctx() ctx: Context): Promise<d.Experiment[]> {
    return ctx.loaders.experimentsByLearningId.load(learning.id);
  }

  @FieldResolver(() => [Hypothesis], { description: 'Hypotheses this learning is about, oldest first.' })
  hypotheses(@Root() learning: d.Learning, @Ctx() ctx: Context): Promise<d.Hypothesis[]> {
    return ctx.loaders.hypothesesByLearningId.load(learning.id);
  }
}
