import { IsUUID } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { describeTextLength, MAX_TAGS, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { TextLength } from '../text-length';
import { LearningKind } from '../enums';

@InputType({
  description:
    'A new learning, linked to one or more experiments (experimentIds or experimentKeys) and optionally to their hypotheses.',
})
export class AddLearningInput {
  @Field({ description: `The lesson (${describeTextLength(TEXT_LIMITS.learning.summary)}).` })
  @TextLength(TEXT_LIMITS.learning.summary)
  summary: string;
  @Field(() => LearningKind, { description: 'What sort of lesson.' }) kind: d.LearningKind;
  @Field(() => [String], {
    nullable: true,
    description: `Tags; trimmed, lower-cased, de-duplicated; at most ${MAX_TAGS} of at most ${TEXT_LIMITS.tag.max} characters.`,
  })
  tags?: string[] | null;
  @Field({ description: `Who wrote it (${describeTextLength(TEXT_LIMITS.learning.author)}).` })
  @TextLength(TEXT_LIMITS.learning.author)
  author: string;
  @Field(() => [ID], { nullable: true, description: 'Linked experiment ids (at least one; or use experimentKeys).' })
  experimentIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Linked experiment keys (instead of experimentIds).' })
  experimentKeys?: string[] | null;
  @Field(() => [ID], {
    nullable: true,
    description: 'Linked hypotheses; each must belong to one of the linked experiments.',
  })
  hypothesisIds?: string[] | null;
}

@InputType({ description: 'Edits a learning; omitted fields stay, given link lists replace the stored links.' })
export class UpdateLearningInput {
  @Field(() => Int, {
    nullable: true,
    description:
      'Optimistic concurrency: the version you read; a stale one is refused with CONFLICT VERSION_MISMATCH (extensions.currentVersion). Omit to overwrite unconditionally.',
  })
  expectedVersion?: number | null;

  @Field(() => ID, { description: 'The learning.' }) @IsUUID() id: string;
  @Field(() => String, { nullable: true, description: 'New summary.' })
  @TextLength(TEXT_LIMITS.learning.summary)
  summary?: string | null;
  @Field(() => LearningKind, { nullable: true, description: 'New kind.' }) kind?: d.LearningKind | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the tags.' })
  tags?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the linked experiments (at least one).' })
  experimentIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the linked experiments, by key.' })
  experimentKeys?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the linked hypotheses (of the linked experiments).' })
  hypothesisIds?: string[] | null;
}
