import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({
  description:
    'A hypothesis for a DRAFT experiment. Hypotheses lock when the experiment starts (CONFLICT HYPOTHESIS_LOCKED afterwards).',
})
export class AddHypothesisInput {
  @Field(() => ID, { description: 'The experiment.' }) @IsUUID() experimentId: string;
  @Field({ description: 'What is changed, for whom, and the expected behaviour change (1-5000 characters).' })
  @MaxLength(20_000)
  statement: string;
  @Field(() => String, { nullable: true, description: 'Prior evidence (at most 5000 characters).' })
  @IsOptional()
  @MaxLength(20_000)
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
  @Field(() => String, { nullable: true, description: 'New statement.' }) @IsOptional() @MaxLength(20_000) statement?:
    string | null;
  @Field(() => String, { nullable: true, description: 'New rationale.' }) @IsOptional() @MaxLength(20_000) rationale?:
    string | null;
}
