import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Cacheable } from '../cacheable';
import { RateWithInterval } from './rate-with-interval.type';

@ObjectType({ simpleResolvers: true, description: 'An exact median with the number of values it is taken over.' })
export class MedianWithCount {
  @Cacheable()
  @Field(() => Float, {
    nullable: true,
    description: 'The median (the mean of the two middle values for an even count); null when count is 0.',
  })
  median: number | null;
  @Cacheable() @Field(() => Int, { description: 'How many values the median is taken over.' }) count: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Volume, a companion of the learning rate (docs/ewl-rules.md §7.1): how many experiments ran.',
})
export class StatsVolume {
  @Cacheable()
  @Field(() => Int, { description: 'In-scope experiments whose start date is in the window [from, to).' })
  started: number;
  @Cacheable()
  @Field(() => Int, { description: 'In-scope experiments concluded in the window (the same as OrgStats.concluded).' })
  concluded: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Precision, a companion of the learning rate (docs/ewl-rules.md §7.1), over the success metrics of the concluded experiments: ' +
    'each (experiment, success metric) counts once. Smaller is more precise.',
})
export class StatsPrecision {
  @Cacheable()
  @Field(() => MedianWithCount, {
    description: 'Median pre-registered MDE of the success metrics whose MDE is on the RELATIVE scale (0.02 = 2 %).',
  })
  mdeRelative: MedianWithCount;
  @Cacheable()
  @Field(() => MedianWithCount, {
    description:
      'Median achieved relative powered effect at conclusion: per success metric with an MDE, the smallest relative effect ' +
      'the analysis was powered to detect, (z(1 - alpha) + z(1 - beta*)) * SE / |control mean|, the largest over the treatment arms.',
  })
  poweredEffectRelative: MedianWithCount;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Runtime, a companion of the learning rate (docs/ewl-rules.md §7.1), of the concluded experiments.',
})
export class StatsRuntime {
  @Cacheable()
  @Field(() => MedianWithCount, { description: 'Median days run, from the start to the end (traffic stopped).' })
  daysRun: MedianWithCount;
  @Cacheable()
  @Field(() => RateWithInterval, {
    nullable: true,
    description:
      'Concluded experiments that ran more days than their plannedRuntimeDays / concluded experiments with a plan ' +
      '(total: how many had one); null when none had a plan.',
  })
  longerThanPlanned: RateWithInterval | null;
}
