import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { addLearning, updateLearning } from '../../app/learning/learning-writes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { recordRef, runCommand } from '../../app/run-command';
import { showsById, showsCreated } from '../../app/replay-visibility';
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
  ): Promise<Learning> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'addLearning',
        args: { input },
        idempotencyKey,
        after: (r) => ({ type: 'learning', id: r.id, experimentId: null }),
        shows: showsCreated('learning'),
      },
      (m) => addLearning(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }

  @Mutation(() => Learning, { description: 'Edits a learning; given link lists replace the stored links.' })
  updateLearning(
    @Arg('input', () => UpdateLearningInput, { description: 'The changes.' }) input: UpdateLearningInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Learning> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'updateLearning',
        args: { input },
        idempotencyKey,
        before: recordRef('learning', input.id),
        shows: showsById('learning', 'input.id', input.id),
      },
      (m) => updateLearning(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }
}
