import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../page-args';
import { LearningKind } from '../enums';

@InputType('LearningFilter', {
  description: 'Which learnings to list. Every given criterion must hold (AND); null or empty lists do not restrict.',
})
export class LearningFilterInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search over the summary (PostgreSQL websearch syntax, English stemming). Blank does not restrict.',
  })
  search?: string | null;

  @Field(() => [LearningKind], { nullable: true, description: 'Kind is one of these.' })
  kind?: d.LearningKind[] | null;

  @Field(() => [String], { nullable: true, description: 'The learning has ALL of these tags.' })
  tagsAll?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'The learning has AT LEAST ONE of these tags.' })
  tagsAny?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Linked to this experiment (unknown ids match nothing).' })
  experimentId?: string | null;
}

/** Arguments of `learnings`. */
@ArgsType()
export class LearningsArgs {
  @Field(() => LearningFilterInput, { nullable: true, description: 'Which learnings to list (all when omitted).' })
  filter?: LearningFilterInput | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size, from 1 to ${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (pageInfo.endCursor of the previous page).',
  })
  after?: string | null;
}
