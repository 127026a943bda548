import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { EffectScale, MetricRole, MetricType, PreferredDirection, ResultPeriod } from '../enums';

// simpleResolvers: every field below is a plain property of the object the resolvers return, so
// graphql-js's default resolver reads it; type-graphql's per-field wrapper (a closure and a
// resolver-data object per field, no middleware here) is skipped. Field resolvers are unaffected.
@ObjectType({
  simpleResolvers: true,
  description: 'A metric of the shared catalogue (defined once, used by many experiments).',
})
export class Metric {
  @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Field({ description: 'Unique key, e.g. `checkout-conversion`.' }) key: string;
  @Field({ description: 'Display name.' }) name: string;
  @Field({ description: 'What the metric measures (may be empty).' }) description: string;
  @Field(() => MetricType, { description: 'Binary, continuous or ratio.' }) type: d.MetricType;
  @Field(() => PreferredDirection, { description: 'Which direction of change is good.' })
  preferredDirection: d.PreferredDirection;
  @Field(() => DateTimeScalar, { description: 'When it was created.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it was last changed.' }) updatedAt: Date;
  @Field(() => Int, { description: 'Optimistic-concurrency version.' }) version: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A catalogue metric as used by one experiment, with its role and effect sizes.',
})
export class ExperimentMetric {
  @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Field(() => ID, { description: 'The experiment.' }) experimentId: string;
  @Field(() => ID, { description: 'The catalogue metric.' }) metricId: string;
  @Field(() => MetricRole, { description: 'Role in the decision rule.' }) role: d.MetricRole;
  @Field(() => Float, {
    nullable: true,
    description: 'Minimum detectable effect the experiment is powered for (SUCCESS metrics).',
  })
  mde: number | null;
  @Field(() => EffectScale, { nullable: true, description: 'Scale of mde.' }) mdeScale: d.EffectScale | null;
  @Field(() => Float, { nullable: true, description: 'Non-inferiority margin (GUARDRAIL metrics).' }) nim:
    number | null;
  @Field(() => EffectScale, { nullable: true, description: 'Scale of nim.' }) nimScale: d.EffectScale | null;
  @Field(() => Int, { description: 'Display order within the experiment.' }) position: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Sufficient statistics of one metric in one variant (docs/ewl-rules.md §2.6). For RATIO metrics sum and sumSq are over the numerator Y.',
})
export class MetricResult {
  @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Field(() => ID, { description: 'The experiment metric.' }) experimentMetricId: string;
  @Field(() => ID, { description: 'The variant (arm).' }) variantId: string;
  @Field(() => ResultPeriod, { description: 'Experiment period or pre-exposure period.' }) period: d.ResultPeriod;
  @Field(() => Int, { description: 'Units measured.' }) n: number;
  @Field(() => Float, {
    description: 'Sum of the values (BINARY: units with the event; RATIO: sum of the numerator Y).',
  })
  sum: number;
  @Field(() => Float, { nullable: true, description: 'Sum of squared values (CONTINUOUS; RATIO: of Y).' }) sumSq:
    number | null;
  @Field(() => Float, { nullable: true, description: 'RATIO: sum of the denominator X.' }) sumX: number | null;
  @Field(() => Float, { nullable: true, description: 'RATIO: sum of X squared.' }) sumXSq: number | null;
  @Field(() => Float, { nullable: true, description: 'RATIO: sum of X times Y.' }) sumXY: number | null;
  @Field(() => DateTimeScalar, { description: 'When it was last recorded.' }) updatedAt: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A result computed by another platform for one treatment arm (EXTERNAL analysis mode).',
})
export class ExternalResult {
  @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Field(() => ID, { description: 'The experiment metric.' }) experimentMetricId: string;
  @Field(() => ID, { description: 'The treatment arm.' }) variantId: string;
  @Field(() => Float, { nullable: true, description: 'Control mean.' }) controlMean: number | null;
  @Field(() => Float, { description: 'Absolute effect estimate (treatment - control).' }) estimateAbs: number;
  @Field(() => Float, { nullable: true, description: 'Standard error of the estimate.' }) stdErr: number | null;
  @Field(() => Boolean, { nullable: true, description: 'The platform found the arm superior.' }) superior:
    boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The platform found the arm non-inferior.' }) nonInferior:
    boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'The platform found a significant deterioration.' })
  deteriorated: boolean | null;
  @Field(() => DateTimeScalar, { description: 'When it was last recorded.' }) updatedAt: Date;
}
