import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { categoryChanges, type ClassificationVersion } from '../../domain/stored-classification';
import { asOfOf } from '../as-of';
import { type Context } from '../context';
import { ClassificationChange } from '../types/classification-change.type';
import { Experiment } from '../types/experiment.type';

/** Experiment.classificationHistory (README "Safe writes"): written with every stored classification. */
@Resolver(() => Experiment)
export class ClassificationHistoryFieldsResolver {
  @FieldResolver(() => [ClassificationChange], {
    description:
      'Every change of the stored EwL category, oldest first, with what caused it (new results, a status change, a ruleset version ...). On experiment(asOf): the changes up to then.',
  })
  async classificationHistory(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<ClassificationVersion[]> {
    const changes = categoryChanges(await ctx.loaders.classificationVersionsByExperimentId.load(experiment.id));
    const asOf = asOfOf(experiment);
    return asOf === null ? changes : changes.filter((c) => c.changedAt.getTime() <= asOf.getTime());
  }
}
