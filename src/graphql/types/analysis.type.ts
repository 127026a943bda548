import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type * as a from '../../domain/analysis-types';
import type { DecisionKind as DecisionKindValue, MetricRole as MetricRoleValue } from '../../domain/experiment';
import {
  CategorySubReason,
  LearningCategory,
  MetricDataStatus,
  NotEnoughDataReason,
  Recommendation,
  Validity,
  ValidityReasonCode,
} from '../analysis-enums';
import { DecisionKind, HealthCheckType, MetricRole } from '../enums';
import { HealthCheck } from './record.type';
import { STALE_STOPPED_DAYS } from '../../domain/ruleset';

@ObjectType({ simpleResolvers: true, description: 'A two-sided interval.' })
export class Interval {
  @Field(() => Float, { description: 'Lower bound.' }) lower: number;
  @Field(() => Float, { description: 'Upper bound.' }) upper: number;
}

@ObjectType({
  simpleResolvers: true,
  description: "Units needed to reach the power target at the metric's MDE or NIM.",
})
export class SampleSize {
  @Field(() => Int, { description: 'Units in the control arm.' }) control: number;
  @Field(() => Int, { description: 'Units in the treatment arm.' }) treatment: number;
  @Field(() => Int, { description: 'Units in the whole experiment, all arms at their planned weights.' }) total: number;
}

@ObjectType({ simpleResolvers: true, description: 'Why an experiment is not valid.' })
export class ValidityReason {
  @Field(() => ValidityReasonCode, { description: 'Machine-readable reason.' }) code: a.ValidityReasonCode;
  @Field(() => HealthCheckType, { nullable: true, description: 'The check behind it.' }) checkType: string | null;
  @Field({ description: 'Human-readable explanation.' }) message: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'One metric compared between control and one treatment arm (docs/ewl-rules.md §3). Numbers are null when they cannot be computed (see dataStatus).',
})
export class MetricArmAnalysis {
  @Field(() => ID, { description: 'The experiment metric.' }) metricId: string;
  @Field({ description: 'Catalogue key of the metric.' }) metricKey: string;
  @Field(() => MetricRole, { description: 'Role of the metric.' }) role: MetricRoleValue;
  @Field(() => MetricDataStatus, { description: 'OK, or NOT_ENOUGH_DATA (see dataStatusReason).' })
  dataStatus: a.MetricDataStatus;
  @Field(() => NotEnoughDataReason, { nullable: true, description: 'Why there is not enough data; null when OK.' })
  dataStatusReason: a.NotEnoughDataReason | null;
  @Field(() => String, { nullable: true, description: 'Human-readable details of a NOT_ENOUGH_DATA status.' })
  dataStatusDetail: string | null;
  @Field(() => Float, { nullable: true, description: 'Control mean (ratio for RATIO metrics).' }) meanC: number | null;
  @Field(() => Float, { nullable: true, description: 'Treatment mean.' }) meanT: number | null;
  @Field(() => Interval, { nullable: true, description: '95% interval of the control mean (display only).' })
  meanCInterval: a.Interval | null;
  @Field(() => Interval, { nullable: true, description: '95% interval of the treatment mean (display only).' })
  meanTInterval: a.Interval | null;
  @Field(() => Float, { nullable: true, description: 'Absolute effect, treatment minus control.' }) diffAbs:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Unpooled standard error of diffAbs.' }) stdErr: number | null;
  @Field(() => Float, { nullable: true, description: 'Relative effect diffAbs / meanC (null when meanC is 0).' })
  diffRel: number | null;
  @Field(() => Float, { nullable: true, description: 'Delta-method standard error of diffRel.' }) stdErrRel:
    number | null;
  @Field(() => Interval, { nullable: true, description: 'Interval of diffAbs at ciLevel.' }) ciAbs: a.Interval | null;
  @Field(() => Interval, { nullable: true, description: 'Interval of diffRel at ciLevel (delta method).' })
  ciRel: a.Interval | null;
  @Field(() => Float, {
    description: 'Coverage of the intervals: 1 - 2 * alphaUsed (the interval matching the one-sided test).',
  })
  ciLevel: number;
  @Field(() => Float, {
    description: 'One-sided alpha of the main test (superiority, non-inferiority or deterioration), after corrections.',
  })
  alphaUsed: number;
  @Field(() => Float, { description: 'One-sided alpha of the deterioration test.' }) alphaDeterioration: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Per-test power target 1 - beta* (null when the metric has no power requirement).',
  })
  powerTarget: number | null;
  @Field(() => Float, { nullable: true, description: 'MDE in absolute units.' }) mdeAbs: number | null;
  @Field(() => Float, { nullable: true, description: 'NIM in absolute units.' }) nimAbs: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'MDE on the relative scale of diffRel, as a size (> 0): the MDE as set when it is relative, mdeAbs / |meanC| when ' +
      'it is absolute (docs/ewl-rules.md §15 D21). Null without an MDE (and for roles other than SUCCESS), or when ' +
      'meanC is 0 or unknown.',
  })
  mdeRelative: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'NIM on the relative scale of diffRel, as a size (> 0): the NIM as set when it is relative, nimAbs / |meanC| when ' +
      'it is absolute (docs/ewl-rules.md §15 D21). Null without a NIM (and for roles other than GUARDRAIL), or when ' +
      'meanC is 0 or unknown.',
  })
  nimRelative: number | null;
  @Field(() => Float, { nullable: true, description: 'One-sided p-value of the superiority test (SUCCESS).' })
  pValueSuperiority: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'One-sided p-value of the non-inferiority test (GUARDRAIL with NIM).',
  })
  pValueNonInferiority: number | null;
  @Field(() => Float, { nullable: true, description: 'One-sided p-value of the deterioration test (every metric).' })
  pValueDeterioration: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Significantly better (SUCCESS metrics only).' }) superior:
    boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Cleared its non-inferiority margin (GUARDRAIL with NIM only).',
  })
  nonInferior: boolean | null;
  @Field({ description: 'Significantly worse in the preferred direction.' }) deteriorated: boolean;
  @Field(() => Float, { nullable: true, description: 'Power at the MDE/NIM with the data so far.' }) achievedPower:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Smallest effect detectable now at the power target.' })
  poweredEffectAbs: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Power at the MDE/NIM reaches the target (null: no power requirement).',
  })
  isPowered: boolean | null;
  @Field(() => SampleSize, { nullable: true, description: 'Units needed for the power target.' })
  requiredSampleSize: a.SampleSize | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One treatment arm against control: its category and recommendation.',
})
export class ArmAnalysis {
  @Field(() => ID, { description: 'The treatment variant.' }) variantId: string;
  @Field({ description: 'Its key.' }) variantKey: string;
  @Field(() => LearningCategory, { description: 'Arm category (docs/ewl-rules.md §6.2).' }) category: a.DataCategory;
  @Field(() => CategorySubReason, { description: 'Why.' }) subReason: a.CategorySubReason;
  @Field(() => Recommendation, {
    description: 'SHIP / CONTINUE / END / ABORT, or INVESTIGATE when the experiment is not valid.',
  })
  recommendation: a.Recommendation;
  @Field(() => [String], { description: 'Human-readable reasons.' }) reasons: string[];
  @Field({ description: 'Every success metric and NIM guardrail is powered.' }) powered: boolean;
  @Field(() => Float, { nullable: true, description: 'Alpha per success metric, alpha / (S * (k - 1)).' })
  alphaSuccess: number | null;
  @Field(() => Float, { description: 'Alpha of non-inferiority tests (unadjusted).' }) alphaGuardrail: number;
  @Field(() => Float, { description: 'Alpha per deterioration test.' }) alphaDeterioration: number;
  @Field(() => Float, { description: 'Beta per powered test (docs/ewl-rules.md §3.7).' }) betaPerTest: number;
  @Field(() => [MetricArmAnalysis], { description: 'Per-metric analysis.' }) metrics: a.MetricArmAnalysis[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    'The computed analysis of an experiment (docs/ewl-rules.md §4-§6). Computed on read; what-if arguments never change what is stored.',
})
export class ExperimentAnalysis {
  @Field({ description: 'Ruleset the analysis follows.' }) rulesetVersion: string;
  @Field(() => Validity, { description: 'Validity.' }) validity: a.Validity;
  @Field(() => [ValidityReason], { description: 'Why it is not valid (empty when VALID).' })
  validityReasons: a.ValidityReason[];
  @Field(() => [HealthCheck], { description: 'Every health check, computed and reported.' })
  healthChecks: a.HealthCheckResult[];
  @Field(() => [ArmAnalysis], { description: 'One entry per treatment arm.' }) arms: a.ArmAnalysis[];
  @Field(() => LearningCategory, { description: 'EwL category at asOf, after scope and lifecycle rules.' })
  category: a.LearningCategory;
  @Field(() => LearningCategory, {
    description: 'Category from the data alone (what a PENDING experiment would be now).',
  })
  provisionalCategory: a.DataCategory;
  @Field(() => CategorySubReason, { nullable: true, description: 'Why (null for PENDING and EXCLUDED).' })
  subReason: a.CategorySubReason | null;
  @Field(() => Boolean, { nullable: true, description: 'Counts as learning (null for PENDING and EXCLUDED).' })
  isLearning: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Counts as a win (null for PENDING and EXCLUDED).' }) isWin:
    boolean | null;
  @Field({ description: 'True while PENDING: the category shown is provisional.' }) provisional: boolean;
  @Field(() => Recommendation, { description: 'Headline recommendation of the best arm.' })
  recommendation: a.Recommendation;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: `Date it counts as concluded on (concludedAt, or endedAt for STOPPED runs left unconcluded for ${STALE_STOPPED_DAYS} days).`,
  })
  conclusionDate: Date | null;
  @Field(() => [DecisionKind], { description: 'Decisions consistent with the category (docs/ewl-rules.md §6.6).' })
  expectedDecisions: DecisionKindValue[];
  @Field(() => Boolean, {
    description:
      'True when the pre-registered design was amended after launch (by asOf; see Experiment.designAmendments): ' +
      'the analysis uses the amended design, not the one registered at the start.',
  })
  designAmendedAfterLaunch: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The stored classification of an experiment (docs/ewl-rules.md §14), kept in step with every write.',
})
export class Classification {
  @Field(() => Validity, { description: 'Validity.' }) validity: a.Validity;
  @Field(() => LearningCategory, {
    description: `Category at asOf (the ${STALE_STOPPED_DAYS}-day rule for STOPPED experiments is applied on read).`,
  })
  category: a.LearningCategory;
  @Field(() => LearningCategory, { description: 'Category from the data alone.' }) provisionalCategory: a.DataCategory;
  @Field(() => CategorySubReason, { nullable: true, description: 'Why.' }) subReason: a.CategorySubReason | null;
  @Field(() => Boolean, { nullable: true, description: 'Counts as learning (null when PENDING or EXCLUDED).' })
  isLearning: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Counts as a win (null when PENDING or EXCLUDED).' }) isWin:
    boolean | null;
  @Field(() => Recommendation, { description: 'Headline recommendation.' }) recommendation: a.Recommendation;
  @Field({ description: 'Ruleset that produced it.' }) rulesetVersion: string;
  @Field(() => DateTimeScalar, { description: 'When it was computed.' }) classifiedAt: Date;
}
