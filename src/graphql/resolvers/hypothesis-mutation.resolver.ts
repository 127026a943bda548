import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { addHypothesis, updateHypothesis } from '../../app/hypothesis/hypothesis-writes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { recordRef, runCommand } from '../../app/run-command';
import { showsById } from '../../app/replay-visibility';
import { AddHypothesisInput, UpdateHypothesisInput } from '../inputs/hypothesis.input';
import { Hypothesis } from '../types/experiment.type';

/** Hypothesis writes: allowed while the experiment is DRAFT; locked (refused, not versioned) afterwards. */
@Resolver()
export class HypothesisMutationResolver {
  @Mutation(() => Hypothesis, {
    description: 'Adds a hypothesis to a DRAFT experiment (CONFLICT HYPOTHESIS_LOCKED once it started).',
  })
  addHypothesis(
    @Arg('input', () => AddHypothesisInput, { description: 'The hypothesis.' }) input: AddHypothesisInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Hypothesis> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'addHypothesis',
        args: { input },
        idempotencyKey,
        after: (r) => ({ type: 'hypothesis', id: r.id, experimentId: r.experimentId }),
        shows: showsById('experiment', 'input.experimentId', input.experimentId),
      },
      (m) => addHypothesis(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }

  @Mutation(() => Hypothesis, {
    description:
      'Edits an unlocked hypothesis. Locked hypotheses are refused with CONFLICT HYPOTHESIS_LOCKED, never versioned.',
  })
  updateHypothesis(
    @Arg('input', () => UpdateHypothesisInput, { description: 'The changes.' }) input: UpdateHypothesisInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Hypothesis> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'updateHypothesis',
        args: { input },
        idempotencyKey,
        before: recordRef('hypothesis', input.id),
        shows: showsById('hypothesis', 'input.id', input.id),
      },
      (m) => updateHypothesis(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }
}
