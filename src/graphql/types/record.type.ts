import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type * as d from '../../domain/experiment';
import {
  DecisionKind,
  HealthCheckSeverity,
  HealthCheckSource,
  HealthCheckStatus,
  HealthCheckType,
  LearningKind,
} from '../enums';

// simpleResolvers: every field below is a plain property of the object the resolvers return, so
// graphql-js's default resolver reads it; type-graphql's per-field wrapper (a closure and a
// resolver-data object per field, no middleware here) is skipped. Field resolvers are unaffected.
@ObjectType({
  simpleResolvers: true,
  description: 'A health check of an experiment: reported by another system, or computed by the catalogue.',
})
export class HealthCheck {
  @Field(() => ID, { nullable: true, description: 'Identifier of a reported check; null for computed checks.' }) id:
    string | null;
  @Field(() => HealthCheckType, { description: 'Check type.' }) type: d.HealthCheckType;
  @Field({ description: 'Name distinguishing several CUSTOM checks; empty otherwise.' }) name: string;
  @Field(() => HealthCheckSource, { description: 'Computed or reported.' }) source: d.HealthCheckSource;
  @Field(() => HealthCheckStatus, { description: 'Outcome.' }) status: d.HealthCheckStatus;
  @Field(() => HealthCheckSeverity, { description: 'BLOCKING failures invalidate the experiment.' })
  severity: d.HealthCheckSeverity;
  @Field(() => Float, { nullable: true, description: 'p-value of the check, when it is a test.' }) pValue:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Observed value (e.g. share of multi-exposed units).' }) observed:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Threshold the observed value or p-value was compared with.' })
  threshold: number | null;
  @Field({ description: 'Free-text details.' }) details: string;
  @Field({ description: 'System that reported the check (empty for computed checks).' }) reporter: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was reported.' }) reportedAt: Date | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A decision people took about an experiment. Decisions are append-only; the latest is current.',
})
export class Decision {
  @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Field(() => ID, { description: 'The experiment.' }) experimentId: string;
  @Field(() => DecisionKind, { description: 'What was decided.' }) kind: d.DecisionKind;
  @Field(() => ID, { nullable: true, description: 'The variant shipped (SHIP / SHIP_INFRA only).' }) shippedVariantId:
    string | null;
  @Field({ description: 'Why.' }) rationale: string;
  @Field({ description: 'Who decided.' }) decidedBy: string;
  @Field(() => DateTimeScalar, { description: 'When it was decided.' }) decidedAt: Date;
  @Field({ description: "True for the experiment's current (latest) decision." }) isCurrent: boolean;
  @Field(() => DateTimeScalar, { description: 'When it was recorded.' }) createdAt: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A lesson learned from one or more experiments. Free text; it never changes a computed category.',
})
export class Learning {
  @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Field({ description: 'The lesson.' }) summary: string;
  @Field(() => LearningKind, { description: 'What sort of lesson.' }) kind: d.LearningKind;
  @Field(() => [String], { description: 'Free tags.' }) tags: string[];
  @Field({ description: 'Who wrote it.' }) author: string;
  @Field(() => DateTimeScalar, { description: 'When it was written.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it was last edited.' }) updatedAt: Date;
  @Field(() => Int, { description: 'Optimistic-concurrency version.' }) version: number;
}
