import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { handleAddLearning, handleUpdateLearning } from '../../app/learning/learning-commands';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { AddLearningInput, UpdateLearningInput } from '../inputs/learning.input';
import { Learning } from '../types/record.type';

/** Learning writes. */
@Resolver()
export class LearningMutationResolver {
  @Mutation(() => Learning, {
    description: 'Writes a learning linked to one or more experiments and optionally to their hypotheses.',
  })
  addLearning(
    @Arg('input', () => AddLearningInput, { description: 'The learning.' }) input: AddLearningInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<d.Learning> {
    return handleAddLearning(commandContextOf(ctx), input, idempotencyKey);
  }

  @Mutation(() => Learning, { description: 'Edits a learning; given link lists replace the stored links.' })
  updateLearning(
    @Arg('input', () => UpdateLearningInput, { description: 'The changes.' }) input: UpdateLearningInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<d.Learning> {
    return handleUpdateLearning(commandContextOf(ctx), input, idempotencyKey);
  }
}
