import { ArrayMaxSize, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { LearningKind } from '../enums';

@InputType({
  description:
    'A new learning, linked to one or more experiments (experimentIds or experimentKeys) and optionally to their hypotheses.',
})
export class AddLearningInput {
  @Field({ description: 'The lesson (1-5000 characters).' }) @MaxLength(20_000) summary: string;
  @Field(() => LearningKind, { description: 'What sort of lesson.' }) kind: d.LearningKind;
  @Field(() => [String], {
    nullable: true,
    description: 'Tags; trimmed, lower-cased, de-duplicated; at most 20 of at most 50 characters.',
  })
  @IsOptional()
  @ArrayMaxSize(1000)
  tags?: string[] | null;
  @Field({ description: 'Who wrote it (1-200 characters).' }) @MaxLength(1000) author: string;
  @Field(() => [ID], { nullable: true, description: 'Linked experiment ids (at least one; or use experimentKeys).' })
  @IsOptional()
  @ArrayMaxSize(1000)
  experimentIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Linked experiment keys (instead of experimentIds).' })
  @IsOptional()
  @ArrayMaxSize(1000)
  experimentKeys?: string[] | null;
  @Field(() => [ID], {
    nullable: true,
    description: 'Linked hypotheses; each must belong to one of the linked experiments.',
  })
  @IsOptional()
  @ArrayMaxSize(1000)
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
  @Field(() => String, { nullable: true, description: 'New summary.' }) @IsOptional() @MaxLength(20_000) summary?:
    string | null;
  @Field(() => LearningKind, { nullable: true, description: 'New kind.' }) kind?: d.LearningKind | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the tags.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  tags?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the linked experiments (at least one).' })
  @IsOptional()
  @ArrayMaxSize(1000)
  experimentIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the linked experiments, by key.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  experimentKeys?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Replaces the linked hypotheses (of the linked experiments).' })
  @IsOptional()
  @ArrayMaxSize(1000)
  hypothesisIds?: string[] | null;
}
