import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import {
  handleCreateExperiment,
  handleTransitionExperiment,
  handleUpdateExperiment,
} from '../../app/experiment/experiment-commands';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { CreateExperimentInput } from '../inputs/create-experiment.input';
import { TransitionExperimentInput } from '../inputs/transition-experiment.input';
import { UpdateExperimentInput } from '../inputs/update-experiment.input';
import { Experiment } from '../types/experiment.type';

/** Experiment writes: create, update (with variant and metric sets) and lifecycle transitions. */
@Resolver()
export class ExperimentMutationResolver {
  @Mutation(() => Experiment, {
    description: 'Creates a DRAFT experiment with its variants, metrics and optional hypothesis, in one transaction.',
  })
  createExperiment(
    @Arg('input', () => CreateExperimentInput, { description: 'The new experiment.' }) input: CreateExperimentInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<d.Experiment> {
    return handleCreateExperiment(commandContextOf(ctx), input, idempotencyKey);
  }

  @Mutation(() => Experiment, {
    description: 'Updates an experiment (see UpdateExperimentInput for what each status allows).',
  })
  updateExperiment(
    @Arg('input', () => UpdateExperimentInput, { description: 'The changes.' }) input: UpdateExperimentInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<d.Experiment> {
    return handleUpdateExperiment(commandContextOf(ctx), input, idempotencyKey);
  }

  @Mutation(() => Experiment, {
    description: 'Moves an experiment one lifecycle step forward and sets the date it implies.',
  })
  transitionExperiment(
    @Arg('input', () => TransitionExperimentInput, { description: 'The step.' }) input: TransitionExperimentInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<d.Experiment> {
    return handleTransitionExperiment(commandContextOf(ctx), input, idempotencyKey);
  }
}
