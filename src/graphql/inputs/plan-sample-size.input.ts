import { ArrayMaxSize, ArrayMinSize } from 'class-validator';
import { Field, Float, InputType } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { EXPERIMENT_DEFAULTS } from '../../domain/rules/experiment-settings';
import { MAX_PLAN_METRICS } from '../../domain/sample-size-plan';
import { EffectScale, MetricRole, MetricType, PowerBudgetMode, PreferredDirection } from '../enums';

@InputType({ description: 'One metric of a planned experiment.' })
export class PlanMetricInput {
  @Field({ description: 'A name for the metric in the result (e.g. its catalogue key).' }) key: string;
  @Field(() => MetricType, { description: 'Metric type.' }) type: d.MetricType;
  @Field(() => MetricRole, { description: 'Role; SUCCESS needs an MDE, GUARDRAIL is powered only with a NIM.' })
  role: d.MetricRole;
  @Field(() => PreferredDirection, {
    nullable: true,
    defaultValue: 'INCREASE',
    description: 'Which direction is good.',
  })
  preferredDirection?: d.PreferredDirection;
  @Field(() => Float, { description: 'BINARY: the baseline rate in (0, 1); CONTINUOUS/RATIO: the baseline mean.' })
  baseline: number;
  @Field(() => Float, { nullable: true, description: 'CONTINUOUS/RATIO: per-unit variance (> 0). Ignored for BINARY.' })
  variance?: number | null;
  @Field(() => Float, { nullable: true, description: 'Minimum detectable effect (> 0), SUCCESS metrics.' }) mde?:
    number | null;
  @Field(() => EffectScale, { nullable: true, defaultValue: 'RELATIVE', description: 'Scale of mde.' })
  mdeScale?: d.EffectScale | null;
  @Field(() => Float, { nullable: true, description: 'Non-inferiority margin (> 0), GUARDRAIL metrics.' }) nim?:
    number | null;
  @Field(() => EffectScale, { nullable: true, defaultValue: 'RELATIVE', description: 'Scale of nim.' })
  nimScale?: d.EffectScale | null;
}

@InputType({ description: 'A planned experiment for the sample-size planner.' })
export class PlanSampleSizeInput {
  @Field(() => Float, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.alpha,
    description: 'One-sided alpha per decision, in (0, 0.5).',
  })
  alpha?: number;
  @Field(() => Float, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.power,
    description: 'Target power 1 - beta, in (0, 1).',
  })
  power?: number;
  @Field(() => PowerBudgetMode, {
    nullable: true,
    defaultValue: EXPERIMENT_DEFAULTS.powerBudgetMode,
    description: 'How beta is split across tests.',
  })
  powerBudgetMode?: d.PowerBudgetMode;
  @Field(() => [Float], { nullable: true, description: 'Planned weights, control first (default [1, 1]).' }) weights?:
    number[] | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Units entering the experiment per day, to estimate the runtime.',
  })
  dailyTraffic?: number | null;
  @Field(() => [PlanMetricInput], { description: `The metrics (1-${MAX_PLAN_METRICS}).` })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PLAN_METRICS)
  metrics: PlanMetricInput[];
}
