import { IsUUID } from 'class-validator';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { ExperimentStatus } from '../enums';

@InputType({
  description:
    'One lifecycle step: DRAFT -> RUNNING (sets startedAt, locks hypotheses) -> STOPPED (endedAt) -> CONCLUDED (concludedAt) -> ARCHIVED. ' +
    'Other moves fail with BAD_USER_INPUT reason INVALID_STATUS_TRANSITION.',
})
export class TransitionExperimentInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH (extensions.currentVersion). Omit to overwrite unconditionally.',
  })
  expectedVersion?: number | null;

  @Field(() => ID, { description: 'The experiment.' }) @IsUUID() id: string;
  @Field(() => ExperimentStatus, { description: 'The next status.' }) to: d.ExperimentStatus;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'When it happened (default: now), for back-filling history. Not in the future and not before the previous lifecycle date; not stored for ARCHIVED.',
  })
  at?: Date | null;
}
