import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type Context } from '../context';
import { Variant } from '../types/experiment.type';
import { ExternalResult, MetricResult } from '../types/metric.type';

/** Relations of MetricResult. */
@Resolver(() => MetricResult)
export class MetricResultFieldsResolver {
  // Non-null: variant_id is a NOT NULL foreign key (results are deleted with their variant).
  @FieldResolver(() => Variant, { description: 'The variant (arm) these statistics belong to.' })
  variant(@Root() result: d.MetricResult, @Ctx() ctx: Context): Promise<d.Variant | null> {
    return ctx.loaders.variantById.load(result.variantId);
  }
}

/** Relations of ExternalResult. */
@Resolver(() => ExternalResult)
export class ExternalResultFieldsResolver {
  @FieldResolver(() => Variant, { description: 'The treatment arm this result is about.' })
  variant(@Root() result: d.ExternalResult, @Ctx() ctx: Context): Promise<d.Variant | null> {
    return ctx.loaders.variantById.load(result.variantId);
  }
}
