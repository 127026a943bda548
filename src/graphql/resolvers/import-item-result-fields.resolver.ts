import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type Context } from '../context';
import { Experiment } from '../types/experiment.type';
import { ImportItemResult } from '../types/import-experiments-payload.type';

/** Lets an importing script read what it wrote (e.g. the ewlCategory) in the same request. */
@Resolver(() => ImportItemResult)
export class ImportItemResultFieldsResolver {
  @FieldResolver(() => Experiment, {
    nullable: true,
    description:
      'The experiment after the import (its stored classification already updated); null when the item FAILED, ' +
      'or (a replayed import) when the experiment now lies outside the org subtree the API key is limited to.',
  })
  async experiment(@Root() item: ImportItemResult, @Ctx() ctx: Context): Promise<d.Experiment | null> {
    return item.experimentId === null
      ? null
      : ctx.access.visibleOrNull(ctx.loaders.experimentById.load(item.experimentId));
  }
}
