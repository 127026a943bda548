import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { handleAddHypothesis, handleUpdateHypothesis } from '../../app/hypothesis/hypothesis-commands';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
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
    return handleAddHypothesis(commandContextOf(ctx), input, idempotencyKey);
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
    return handleUpdateHypothesis(commandContextOf(ctx), input, idempotencyKey);
  }
}
