import { ArgsType, Field, ID } from 'type-graphql';

/** `(id, key)` of a single-entity query: exactly one must be given. */
@ArgsType()
export class IdOrKeyArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Identifier of the record. Give exactly one of id and key; a malformed or unknown id returns null.',
  })
  id?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Unique key of the record. Give exactly one of id and key; an unknown key returns null.',
  })
  key?: string | null;
}
