import { Field, Float, ID, InputType } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { describeTextLength, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { TextLength } from '../text-length';
import { HealthCheckSeverity, HealthCheckStatus, HealthCheckType } from '../enums';

@InputType({ description: 'One reported health check; it replaces the stored check with the same type and name.' })
export class HealthCheckInput {
  @Field(() => HealthCheckType, { description: 'Check type.' }) type: d.HealthCheckType;
  @Field(() => String, {
    nullable: true,
    defaultValue: '',
    description: `Distinguishes several checks of one type (e.g. CUSTOM); ${describeTextLength(TEXT_LIMITS.healthCheck.name)}.`,
  })
  @TextLength(TEXT_LIMITS.healthCheck.name)
  name?: string | null;
  @Field(() => HealthCheckStatus, { description: 'Outcome.' }) status: d.HealthCheckStatus;
  @Field(() => HealthCheckSeverity, {
    nullable: true,
    description: 'Default: BLOCKING for SRM and NO_TRAFFIC (which cannot be WARNING), WARNING otherwise.',
  })
  severity?: d.HealthCheckSeverity | null;
  @Field(() => Float, { nullable: true, description: 'p-value, from 0 to 1.' }) pValue?: number | null;
  @Field(() => Float, { nullable: true, description: 'Observed value.' }) observed?: number | null;
  @Field(() => Float, { nullable: true, description: 'Threshold compared with.' }) threshold?: number | null;
  @Field(() => String, {
    nullable: true,
    description: `Free-text details (${describeTextLength(TEXT_LIMITS.healthCheck.details)}).`,
  })
  @TextLength(TEXT_LIMITS.healthCheck.details)
  details?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `Reporting system, e.g. growthbook (${describeTextLength(TEXT_LIMITS.healthCheck.reporter)}).`,
  })
  @TextLength(TEXT_LIMITS.healthCheck.reporter)
  reporter?: string | null;
}

@InputType({
  description: 'Health checks reported by another system for one experiment; accepted in every status but ARCHIVED.',
})
export class RecordHealthChecksInput {
  @Field(() => ID, { nullable: true, description: 'The experiment (give this or experimentKey).' }) experimentId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'The experiment key.' }) experimentKey?: string | null;
  @Field(() => [HealthCheckInput], { description: 'The checks; each (type, name) once.' })
  checks: HealthCheckInput[];
}
