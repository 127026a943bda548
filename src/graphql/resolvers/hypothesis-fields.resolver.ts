import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type Context } from '../context';
import { Hypothesis } from '../types/experiment.type';
import { Learning } from '../types/record.type';

/** Relations of Hypothesis. */
@Resolver(() => Hypothesis)
export class HypothesisFieldsResolver {
  @FieldResolver(() => [Learning], { description: 'Learnings about this hypothesis, oldest first.' })
  learnings(@Root() hypothesis: d.Hypothesis, @Ctx() ctx: Context): Promise<d.Learning[]> {
    return ctx.loaders.learningsByHypothesisId.load(hypothesis.id);
  }
}
