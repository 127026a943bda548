import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { MetricRole as MetricRoleValue } from '../../domain/experiment';
import { MetricRole } from '../enums';

@ObjectType({ simpleResolvers: true, description: 'Sample size one metric needs.' })
export class PlanMetricResult {
  @Field({ description: 'The metric key given in the input.' }) key: string;
  @Field(() => MetricRole, { description: 'Role.' }) role: MetricRoleValue;
  @Field({ description: 'False when the metric has no power requirement (deterioration-only, guardrail without NIM).' })
  powered: boolean;
  @Field(() => Float, { nullable: true, description: 'Effect (MDE or NIM) in absolute units.' }) effectAbs:
    number | null;
  @Field(() => Float, { nullable: true, description: 'One-sided alpha of its test after corrections.' }) alpha:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Per-test power target.' }) power: number | null;
  @Field(() => [Int], { nullable: true, description: 'Units per arm, control first.' }) unitsPerArm: number[] | null;
  @Field(() => Int, { nullable: true, description: 'Units in total.' }) totalUnits: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Sample-size plan of an experiment: the largest requirement over its metrics (docs/ewl-rules.md §3.8).',
})
export class SampleSizePlan {
  @Field(() => Float, { nullable: true, description: 'Alpha per success metric.' }) alphaSuccess: number | null;
  @Field(() => Float, { description: 'Alpha of non-inferiority tests.' }) alphaGuardrail: number;
  @Field(() => Float, { description: 'Beta per powered test.' }) betaPerTest: number;
  @Field(() => [PlanMetricResult], { description: 'Per metric.' }) metrics: PlanMetricResult[];
  @Field(() => [Int], { nullable: true, description: 'Units per arm for the experiment, control first.' }) unitsPerArm:
    number[] | null;
  @Field(() => Int, { nullable: true, description: 'Units in total for the experiment.' }) totalUnits: number | null;
  @Field(() => Int, { nullable: true, description: 'Days needed at the given daily traffic.' }) days: number | null;
}
