import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, ID, InputType } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { describeTextLength, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { TextLength } from '../text-length';
import { DecisionKind } from '../enums';

@InputType({
  description:
    'A decision about an experiment. Decisions are append-only; the latest by decidedAt (then recording order) becomes current. ' +
    'Refused for ARCHIVED experiments.',
})
export class RecordDecisionInput {
  @Field(() => ID, { nullable: true, description: 'The experiment (give this or experimentKey).' }) experimentId?:
    string | null;
  @Field(() => String, { nullable: true, description: 'The experiment key.' }) experimentKey?: string | null;
  @Field(() => DecisionKind, { description: 'What was decided.' }) kind: d.DecisionKind;
  @Field(() => ID, {
    nullable: true,
    description: 'The shipped variant (SHIP / SHIP_INFRA only; a variant of this experiment).',
  })
  shippedVariantId?: string | null;
  @Field(() => String, { nullable: true, description: "The shipped variant's key (instead of shippedVariantId)." })
  shippedVariantKey?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `Why (${describeTextLength(TEXT_LIMITS.decision.rationale)}).`,
  })
  @TextLength(TEXT_LIMITS.decision.rationale)
  rationale?: string | null;
  @Field({ description: `Who decided (${describeTextLength(TEXT_LIMITS.decision.decidedBy)}).` })
  @TextLength(TEXT_LIMITS.decision.decidedBy)
  decidedBy: string;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was decided (default: now; not in the future).',
  })
  decidedAt?: Date | null;
}
