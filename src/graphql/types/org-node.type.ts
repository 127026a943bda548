import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Cacheable } from '../cacheable';

// simpleResolvers: every field below is a plain property of the object the resolvers return, so
// graphql-js's default resolver reads it; type-graphql's per-field wrapper (a closure and a
// resolver-data object per field, no middleware here) is skipped. Field resolvers are unaffected.
@ObjectType({
  simpleResolvers: true,
  description: 'A node of the organisation tree (company, department, team, ... at any depth).',
})
export class OrgNode {
  @Cacheable() @Field(() => ID, { description: 'Stable identifier.' }) id: string;
  @Cacheable() @Field({ description: 'Unique, stable key for scripts, e.g. `acme/search/ranking`.' }) key: string;
  @Cacheable() @Field({ description: 'Display name.' }) name: string;
  @Cacheable() @Field({ description: 'Free label such as company, department or team.' }) kind: string;
  @Cacheable()
  @Field(() => ID, { nullable: true, description: 'Parent node id; null for a root.' })
  parentId: string | null;
  @Cacheable() @Field(() => DateTimeScalar, { description: 'When the node was created.' }) createdAt: Date;
  @Cacheable() @Field(() => DateTimeScalar, { description: 'When the node was last changed.' }) updatedAt: Date;
  @Cacheable()
  @Field(() => Int, { description: 'Optimistic-concurrency version, incremented on every update.' })
  version: number;
}
