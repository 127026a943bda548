import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { addLearning, updateLearning } from '../../db/queries/learning-writes';
import { type Context } from '../context';
import { AddLearningInput, UpdateLearningInput } from '../inputs/learning.input';
import { Learning } from '../types/record.type';

/** Learning writes. */
@Resolver()
export class LearningMutationResolver {
  @Mutation(() => Learning, { description: 'Writes a learning linked to one or more experiments and optionally to their hypotheses.' })
  addLearning(@Arg('input', () => AddLearningInput, { description: 'The learning.' }) input: AddLearningInput, @Ctx() ctx: Context): Promise<Learning> {
    return ctx.dataSource.transaction((m) => addLearning(m, input, ctx.now));
  }

  @Mutation(() => Learning, { description: 'Edits a learning; given link lists replace the stored links.' })
  updateLearning(@Arg('input', () => UpdateLearningInput, { description: 'The changes.' }) input: UpdateLearningInput, @Ctx() ctx: Context): Promise<Learning> {
    return ctx.dataSource.transaction((m) => updateLearning(m, input, ctx.now));
  }
}
