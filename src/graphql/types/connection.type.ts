import { Field, Int, ObjectType } from 'type-graphql';
import { Experiment } from './experiment.type';
import { Learning } from './record.type';

// simpleResolvers: every field below is a plain property of the object the resolvers return, so
// graphql-js's default resolver reads it; type-graphql's per-field wrapper (a closure and a
// resolver-data object per field, no middleware here) is skipped. Field resolvers are unaffected.
@ObjectType({ simpleResolvers: true, description: 'Relay-style page information.' })
export class PageInfo {
  @Field({ description: 'True when more items follow the last edge.' }) hasNextPage: boolean;
  @Field({ description: 'True when items precede the first edge (i.e. `after` was given).' }) hasPreviousPage: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the first edge.' }) startCursor: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge; pass it as `after` for the next page.',
  })
  endCursor: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'An experiment in a page of results.' })
export class ExperimentEdge {
  @Field({ description: 'Opaque cursor of this position.' }) cursor: string;
  @Field(() => Experiment, { description: 'The experiment.' }) node: Experiment;
}

@ObjectType({ simpleResolvers: true, description: 'A page of experiments.' })
export class ExperimentConnection {
  @Field(() => [ExperimentEdge], { description: 'The experiments of this page.' }) edges: ExperimentEdge[];
  @Field(() => PageInfo, { description: 'Paging information.' }) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Number of experiments matching the filter, over all pages.' }) totalCount: number;
}

@ObjectType({ simpleResolvers: true, description: 'A learning in a page of results.' })
export class LearningEdge {
  @Field({ description: 'Opaque cursor of this position.' }) cursor: string;
  @Field(() => Learning, { description: 'The learning.' }) node: Learning;
}

@ObjectType({ simpleResolvers: true, description: 'A page of learnings.' })
export class LearningConnection {
  @Field(() => [LearningEdge], { description: 'The learnings of this page.' }) edges: LearningEdge[];
  @Field(() => PageInfo, { description: 'Paging information.' }) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Number of learnings matching the filter, over all pages.' }) totalCount: number;
}
