import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type Context } from '../context';
import { Variant } from '../types/experiment.type';
import { Decision } from '../types/record.type';

/** Relations of Decision. */
@Resolver(() => Decision)
export class DecisionFieldsResolver {
  @FieldResolver(() => Variant, {
    nullable: true,
    description: 'The variant shipped (SHIP / SHIP_INFRA); null otherwise.',
  })
  shippedVariant(@Root() decision: d.Decision, @Ctx() ctx: Context): Promise<d.Variant | null> | null {
    return decision.shippedVariantId ? ctx.loaders.variantById.load(decision.shippedVariantId) : null;
  }
}
