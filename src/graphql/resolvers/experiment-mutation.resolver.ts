import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { createExperiment, updateExperiment } from '../../db/queries/experiment-writes';
import { transitionExperiment } from '../../db/queries/experiment-transition-writes';
import { type Context } from '../context';
import { CreateExperimentInput } from '../inputs/create-experiment.input';
import { TransitionExperimentInput } from '../inputs/transition-experiment.input';
import { UpdateExperimentInput } from '../inputs/update-experiment.input';
import { Experiment } from '../types/experiment.type';

/** Experiment writes: create, update (with variant and metric sets) and lifecycle transitions. */
@Resolver()
export class ExperimentMutationResolver {
  @Mutation(() => Experiment, { description: 'Creates a DRAFT experiment with its variants, metrics and optional hypothesis, in one transaction.' })
  createExperiment(@Arg('input', () => CreateExperimentInput, { description: 'The new experiment.' }) input: CreateExperimentInput, @Ctx() ctx: Context): Promise<Experiment> {
    return ctx.dataSource.transaction((m) => createExperiment(m, input, ctx.now));
  }

  @Mutation(() => Experiment, { description: 'Updates an experiment (see UpdateExperimentInput for what each status allows).' })
  updateExperiment(@Arg('input', () => UpdateExperimentInput, { description: 'The changes.' }) input: UpdateExperimentInput, @Ctx() ctx: Context): Promise<Experiment> {
    return ctx.dataSource.transaction((m) => updateExperiment(m, input, ctx.now));
  }

  @Mutation(() => Experiment, { description: 'Moves an experiment one lifecycle step forward and sets the date it implies.' })
  transitionExperiment(@Arg('input', () => TransitionExperimentInput, { description: 'The step.' }) input: TransitionExperimentInput, @Ctx() ctx: Context): Promise<Experiment> {
    return ctx.dataSource.transaction((m) => transitionExperiment(m, input, ctx.now));
  }
}
