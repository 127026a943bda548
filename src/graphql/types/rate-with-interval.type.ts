import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Cacheable } from '../cacheable';

@ObjectType({
  simpleResolvers: true,
  description:
    'A rate over the concluded experiments (or, for runtime.longerThanPlanned, over those with a plan) with its 95 % Wilson score interval (docs/ewl-rules.md §8).',
})
export class RateWithInterval {
  @Cacheable() @Field(() => Float, { description: 'successes / total, in [0, 1].' }) value: number;
  @Cacheable() @Field(() => Float, { description: 'Lower end of the 95 % Wilson interval.' }) lower: number;
  @Cacheable() @Field(() => Float, { description: 'Upper end of the 95 % Wilson interval.' }) upper: number;
  @Cacheable()
  @Field({ description: 'A denominator below 10: show the rate greyed out.' })
  smallSample: boolean;
  @Cacheable()
  @Field(() => Int, {
    description:
      "Numerator: concluded experiments in the rate's categories (that ran longer than planned, for longerThanPlanned).",
  })
  successes: number;
  @Cacheable()
  @Field(() => Int, {
    description:
      'Denominator: concluded experiments (the same for every rate; those with a plan for longerThanPlanned).',
  })
  total: number;
}
