import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { addHypothesis, updateHypothesis } from '../../db/queries/hypothesis-writes';
import { type Context } from '../context';
import { AddHypothesisInput, UpdateHypothesisInput } from '../inputs/hypothesis.input';
import { Hypothesis } from '../types/experiment.type';

/** Hypothesis writes: allowed while the experiment is DRAFT; locked (refused, not versioned) afterwards. */
@Resolver()
export class HypothesisMutationResolver {
  @Mutation(() => Hypothesis, { description: 'Adds a hypothesis to a DRAFT experiment (CONFLICT HYPOTHESIS_LOCKED once it started).' })
  addHypothesis(@Arg('input', () => AddHypothesisInput, { description: 'The hypothesis.' }) input: AddHypothesisInput, @Ctx() ctx: Context): Promise<Hypothesis> {
    return ctx.dataSource.transaction((m) => addHypothesis(m, input, ctx.now));
  }

  @Mutation(() => Hypothesis, { description: 'Edits an unlocked hypothesis. Locked hypotheses are refused with CONFLICT HYPOTHESIS_LOCKED, never versioned.' })
  updateHypothesis(@Arg('input', () => UpdateHypothesisInput, { description: 'The changes.' }) input: UpdateHypothesisInput, @Ctx() ctx: Context): Promise<Hypothesis> {
    return ctx.dataSource.transaction((m) => updateHypothesis(m, input, ctx.now));
  }
}
