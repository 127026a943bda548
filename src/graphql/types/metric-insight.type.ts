import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { MetricRole as MetricRoleValue } from '../../domain/experiment';
import type { ModelUnavailableReason } from '../../domain/metric-insight';
import { MIN_ARMS_FOR_MODEL } from '../../domain/metric-insight';
import { MetricRole } from '../enums';
import { MetricModelUnavailableReason } from '../args/metric-insight.args';
import { Interval } from './analysis.type';
import { Metric } from './metric.type';

@ObjectType({ simpleResolvers: true, description: 'How many eligible experiments and arms had the metric in a role.' })
export class MetricRoleCount {
  @Field(() => MetricRole, { description: 'The role of the metric in those experiments.' }) role: MetricRoleValue;
  @Field(() => Int, { description: 'Experiments.' }) experiments: number;
  @Field(() => Int, { description: 'Treatment arms.' }) arms: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One bin [lower, upper) of the histogram of observed relative effects; null bounds are open (-∞ or +∞).',
})
export class EffectHistogramBin {
  @Field(() => Float, { nullable: true, description: 'Lower bound (inclusive); null for -∞.' }) lower: number | null;
  @Field(() => Float, { nullable: true, description: 'Upper bound (exclusive); null for +∞.' }) upper: number | null;
  @Field(() => Int, { description: 'Arms whose observed relative effect falls in the bin.' }) count: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "DerSimonian-Laird random-effects model of the arms' relative effects (docs/meta-analysis.md): true effects ~ N(mean, tau²).",
})
export class RandomEffectsModel {
  @Field(() => Int, { description: 'Arms pooled.' }) k: number;
  @Field(() => Float, { description: 'Pooled mean relative effect μ.' }) mean: number;
  @Field(() => Float, { description: 'Standard error of μ.' }) meanStdErr: number;
  @Field(() => Interval, { description: '95 % interval of μ.' }) meanInterval: Interval;
  @Field(() => Float, { description: 'Between-arm standard deviation τ of the true effects.' }) tau: number;
  @Field(() => Float, { description: 'τ².' }) tau2: number;
  @Field(() => Float, { description: 'I² = max(0, (Q − (k − 1)) / Q): the share of the spread that is real.' })
  i2: number;
  @Field(() => Float, { description: "Cochran's Q." }) q: number;
  @Field(() => Float, { description: 'Inverse-variance (fixed-effect) mean.' }) fixedMean: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "The empirical Bayes (plug-in) estimate of an arm's true effect: the observed effect pulled toward the pooled mean by the shrinkage factor B = s²/(s² + τ²) (docs/meta-analysis.md).",
})
export class ShrunkEffect {
  @Field(() => Float, { description: 'μ + (1 − B)(x − μ).' }) effect: number;
  @Field(() => Float, { description: 'Posterior standard deviation √((1 − B) s²).' }) stdDev: number;
  @Field(() => Interval, { description: '95 % interval.' }) interval: Interval;
  @Field(() => Float, { description: 'The shrinkage factor B, from 0 (kept) to 1 (pulled to the mean).' })
  shrinkage: number;
}

@ObjectType({ description: "One treatment arm's effect on the metric." })
export class MetricArmEffect {
  @Field(() => ID, { description: 'The experiment.' }) experimentId: string;
  @Field({ description: 'Key of the experiment.' }) experimentKey: string;
  @Field({ description: 'Key of the treatment variant.' }) variantKey: string;
  @Field(() => MetricRole, { description: 'Role of the metric in the experiment.' }) role: MetricRoleValue;
  @Field(() => Float, {
    description:
      'Observed relative effect (treatment / control − 1), as measured (not turned by the preferred direction).',
  })
  effect: number;
  @Field(() => Float, { description: 'Its standard error.' }) stdErr: number;
  @Field(() => Interval, { description: '95 % interval of the observed effect.' }) interval: Interval;
  @Field(() => ShrunkEffect, { nullable: true, description: 'The shrunk estimate; null when the view has no model.' })
  shrunk: ShrunkEffect | null;
  @Field({
    description: "Significantly better: the success metric's superiority test passed at the experiment's alpha.",
  })
  better: boolean;
  @Field({ description: "Significantly worse: the experiment's deterioration test flagged the arm." }) worse: boolean;
}

@ObjectType({
  description:
    'What one catalogue metric taught across experiments (docs/meta-analysis.md): every treatment arm of a VALID experiment that counts toward EwL and concluded in the window, with the metric analysed (a relative effect and its standard error).',
})
export class MetricInsight {
  @Field(() => Metric, { description: 'The metric.' }) metric: Metric;
  @Field(() => Int, { description: 'Eligible experiments.' }) experiments: number;
  @Field(() => Int, { description: 'Eligible treatment arms.' }) arms: number;
  @Field(() => [MetricRoleCount], { description: 'Experiments and arms by the role the metric had.' })
  byRole: MetricRoleCount[];
  @Field(() => Int, { description: 'Arms significantly better (the batting average is betterArms / arms).' })
  betterArms: number;
  @Field(() => Int, { description: 'Arms significantly worse.' }) worseArms: number;
  @Field(() => [EffectHistogramBin], { description: 'Histogram of the observed relative effects.' })
  histogram: EffectHistogramBin[];
  @Field(() => RandomEffectsModel, {
    nullable: true,
    description: `The random-effects model; null with modelUnavailableReason when fewer than ${MIN_ARMS_FOR_MODEL} arms.`,
  })
  model: RandomEffectsModel | null;
  @Field(() => MetricModelUnavailableReason, { nullable: true, description: 'Why model is null.' })
  modelUnavailableReason: ModelUnavailableReason | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "What the shipped arms (current decision SHIP with that variant) add up to on the metric: the naive sum of their observed relative effects, the sum of their shrunk effects with a 95 % interval, and the ratio between them, the share of the claimed impact left once the winner's curse is removed (docs/meta-analysis.md).",
})
export class ShippedImpact {
  @Field(() => Int, { description: 'Shipped experiments with the metric.' }) experiments: number;
  @Field(() => Int, { description: 'Shipped arms.' }) arms: number;
  @Field(() => Float, { description: "Sum of the shipped arms' observed relative effects." }) naiveSum: number;
  @Field(() => Float, { nullable: true, description: 'Sum of their shrunk effects; null without a model.' })
  shrunkSum: number | null;
  @Field(() => Float, { nullable: true, description: 'Standard deviation of shrunkSum (posterior variances add).' })
  shrunkStdDev: number | null;
  @Field(() => Interval, { nullable: true, description: '95 % interval of shrunkSum.' })
  shrunkInterval: Interval | null;
  @Field(() => Float, {
    nullable: true,
    description: 'shrunkSum / naiveSum; null without a model or when the naive sum is 0.',
  })
  ratio: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The shipped impact of the arms concluded in one calendar period (UTC).',
})
export class ShippedImpactPeriod {
  @Field(() => DateTimeScalar, { description: 'Start of the period (inclusive).' }) periodStart: Date;
  @Field(() => DateTimeScalar, { description: 'End of the period (exclusive).' }) periodEnd: Date;
  @Field(() => ShippedImpact, { description: "Shipped impact of the period's arms, shrunk by the view's model." })
  impact: ShippedImpact;
}
