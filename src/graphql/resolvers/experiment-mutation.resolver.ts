import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { createExperiment, updateExperiment } from '../../app/experiment/experiment-writes';
import { transitionExperiment } from '../../app/experiment/experiment-transition-writes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { experimentRef, runCommand } from '../../app/run-command';
import { showsById, showsCreated } from '../../app/replay-visibility';
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
  ): Promise<Experiment> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'createExperiment',
        args: { input },
        idempotencyKey,
        after: (r) => ({ type: 'experiment', id: r.id, experimentId: r.id }),
        shows: showsCreated('experiment'),
      },
      (m) => createExperiment(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }

  @Mutation(() => Experiment, {
    description: 'Updates an experiment (see UpdateExperimentInput for what each status allows).',
  })
  updateExperiment(
    @Arg('input', () => UpdateExperimentInput, { description: 'The changes.' }) input: UpdateExperimentInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Experiment> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'updateExperiment',
        args: { input },
        idempotencyKey,
        before: experimentRef({ id: input.id }),
        shows: showsById('experiment', 'input.id', input.id),
      },
      (m) => updateExperiment(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }

  @Mutation(() => Experiment, {
    description: 'Moves an experiment one lifecycle step forward and sets the date it implies.',
  })
  transitionExperiment(
    @Arg('input', () => TransitionExperimentInput, { description: 'The step.' }) input: TransitionExperimentInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Experiment> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'transitionExperiment',
        args: { input },
        idempotencyKey,
        before: experimentRef({ id: input.id }),
        shows: showsById('experiment', 'input.id', input.id),
      },
      (m) => transitionExperiment(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }
}
