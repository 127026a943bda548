import { IsUUID } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { describeTextLength, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { TextLength } from '../text-length';

@InputType({
  description:
    'A hypothesis for a DRAFT experiment. Hypotheses lock when the experiment starts (CONFLICT HYPOTHESIS_LOCKED afterwards).',
})
export class AddHypothesisInput {
  @Field(() => ID, { description: 'The experiment.' }) @IsUUID() experimentId: string;
  @Field({
    description: `What is changed, for whom, and the expected behaviour change (${describeTextLength(TEXT_LIMITS.hypothesis.statement)}).`,
  })
  @TextLength(TEXT_LIMITS.hypothesis.statement)
  statement: string;
  @Field(() => String, {
    nullable: true,
    description: `Prior evidence (${describeTextLength(TEXT_LIMITS.hypothesis.rationale)}).`,
  })
  @TextLength(TEXT_LIMITS.hypothesis.rationale)
  rationale?: string | null;
}

@InputType({
  description:
    'Edits an unlocked hypothesis; omitted fields stay. Once the experiment started the hypothesis is locked and edits are refused ' +
    '(CONFLICT HYPOTHESIS_LOCKED) rather than versioned, so the pre-registered statement stays as it was.',
})
export class UpdateHypothesisInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH (extensions.currentVersion). Omit to overwrite unconditionally.',
  })
  expectedVersion?: number | null;

  @Field(() => ID, { description: 'The hypothesis.' }) @IsUUID() id: string;
  @Field(() => String, { nullable: true, description: 'New statement.' })
  @TextLength(TEXT_LIMITS.hypothesis.statement)
  statement?: string | null;
  @Field(() => String, { nullable: true, description: 'New rationale.' })
  @TextLength(TEXT_LIMITS.hypothesis.rationale)
  rationale?: string | null;
}
