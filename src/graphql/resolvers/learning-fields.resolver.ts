import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type Context } from '../context';
import { Experiment, Hypothesis } from '../types/experiment.type';
import { Learning } from '../types/record.type';

/**
 * Relations of Learning, through per-request DataLoaders. A learning may link experiments of several
 * teams; for a key limited to an org node, links to experiments outside its subtree are left out.
 */
@Resolver(() => Learning)
export class LearningFieldsResolver {
  @FieldResolver(() => [Experiment], {
    description:
      'Experiments this learning comes from, by key (for a key limited to an org node: those in its subtree).',
  })
  experiments(@Root() learning: d.Learning, @Ctx() ctx: Context): Promise<d.Experiment[]> {
    return ctx.access.visibleList(ctx.loaders.experimentsByLearningId.load(learning.id));
  }

  @FieldResolver(() => [Hypothesis], {
    description:
      'Hypotheses this learning is about, oldest first (for a key limited to an org node: those of experiments in its subtree).',
  })
  async hypotheses(@Root() learning: d.Learning, @Ctx() ctx: Context): Promise<d.Hypothesis[]> {
    const hypotheses = await ctx.loaders.hypothesesByLearningId.load(learning.id);
    if (ctx.access.subtreeRootId === null || hypotheses.length === 0) return hypotheses;
    const experiments = await ctx.loaders.experimentById.loadMany(hypotheses.map((h) => h.experimentId));
    const visible = await ctx.access.visibleExperiments(
      experiments.filter((e): e is d.Experiment => e !== null && !(e instanceof Error)),
    );
    const ids = new Set(visible.map((e) => e.id));
    return hypotheses.filter((h) => ids.has(h.experimentId));
  }
}
